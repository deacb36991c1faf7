package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.Protocol;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds a protocol as written in configuration: {@code tls}, {@code http-2} or {@code websocket}, in any letter case
 * and with any punctuation or none ({@code HTTP_2}, {@code http/2}), as Spring Boot binds an enum.
 *
 * @author upgrade-required
 */
final class ProtocolConverter implements Converter<String, Protocol> {

	static final String ALLOWED = "one of tls, http-2, websocket";

	@Override
	public Protocol convert(String source) {
		String value = lettersAndDigits(source);
		for (Protocol protocol : Protocol.values()) {
			if (lettersAndDigits(protocol.name()).equals(value)) {
				return protocol;
			}
		}
		throw new UnknownValueException(source, ALLOWED);
	}

	private static String lettersAndDigits(String text) {
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			if (Character.isLetterOrDigit(text.charAt(i))) {
				kept.append(Character.toLowerCase(text.charAt(i)));
			}
		}
		return kept.toString();
	}

}
