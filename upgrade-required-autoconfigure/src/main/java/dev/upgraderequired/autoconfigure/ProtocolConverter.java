package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.core.RequirementText;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds a protocol as written in configuration: {@code tls}, {@code http-2} or {@code websocket}, in any letter case
 * and with any punctuation or none ({@code HTTP_2}, {@code http/2}), as Spring Boot binds an enum.
 *
 * @author upgrade-required
 */
final class ProtocolConverter implements Converter<String, Protocol> {

	static final String ALLOWED = RequirementText.PROTOCOLS;

	@Override
	public Protocol convert(String source) {
		Protocol protocol = RequirementText.protocol(source);
		if (protocol == null) {
			throw new UnknownValueException(source, ALLOWED);
		}
		return protocol;
	}

}
