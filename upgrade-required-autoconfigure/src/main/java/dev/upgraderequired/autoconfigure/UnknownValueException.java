package dev.upgraderequired.autoconfigure;

/**
 * A value that a converter of upgrade-required's properties does not know, with the values it allows, spelled as the
 * documentation spells them; {@link UnknownValueFailureAnalyzer} names the property.
 *
 * @author upgrade-required
 */
final class UnknownValueException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String value;

	private final String allowed;

	UnknownValueException(String value, String allowed) {
		super("'" + value + "' is not one of " + allowed);
		this.value = value;
		this.allowed = allowed;
	}

	String getValue() {
		return this.value;
	}

	String getAllowed() {
		return this.allowed;
	}

}
