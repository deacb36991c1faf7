package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.TlsVersion;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds a minimum TLS version as written in configuration: {@code 1.2} or {@code 1.3} (optionally prefixed with
 * {@code TLS}, {@code TLSv} or {@code TLS/}), {@code any}, or the enum constant's name.
 *
 * @author upgrade-required
 */
final class TlsVersionConverter implements Converter<String, TlsVersion> {

	static final String ALLOWED = "one of 1.2, 1.3, any";

	@Override
	public TlsVersion convert(String source) {
		String value = source.trim();
		for (String prefix : new String[] { "TLSv", "TLS/", "TLS" }) {
			if (value.regionMatches(true, 0, prefix, 0, prefix.length()) && value.length() > prefix.length()
					&& Character.isDigit(value.charAt(prefix.length()))) {
				value = value.substring(prefix.length());
				break;
			}
		}
		for (TlsVersion version : TlsVersion.values()) {
			if (version.version().equalsIgnoreCase(value) || version.name().equalsIgnoreCase(value)
					|| version.name().replace('_', '-').equalsIgnoreCase(value)) {
				return version;
			}
		}
		throw new UnknownValueException(source, ALLOWED);
	}

}
