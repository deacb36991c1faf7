package dev.upgraderequired;

/**
 * Thrown when the application starts with a requirement that cannot be honoured: an invalid configuration
 * property or annotation attribute. Names where the value comes from, the value, and what is allowed.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class InvalidRequirementException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String source;

	private final String value;

	private final String allowed;

	/**
	 * Create an exception.
	 * @param source where the value comes from: a property name or an annotated element
	 * @param value the invalid value
	 * @param allowed what is allowed instead
	 */
	public InvalidRequirementException(String source, String value, String allowed) {
		super("Invalid value '" + value + "' for " + source + ": " + allowed);
		this.source = source;
		this.value = value;
		this.allowed = allowed;
	}

	/**
	 * Return where the value comes from: a property name or an annotated element.
	 * @return the source
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * Return the invalid value.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return what is allowed instead.
	 * @return the allowed values
	 */
	public String getAllowed() {
		return this.allowed;
	}

}
