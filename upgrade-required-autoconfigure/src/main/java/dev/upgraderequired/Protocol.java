package dev.upgraderequired;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Protocol that an endpoint can require of the request that reaches it.
 *
 * @author upgrade-required
 * @since 0.1.0
 * @see RequiresProtocol
 */
public enum Protocol {

	/**
	 * TLS (HTTPS), optionally with a minimum version ({@link RequiresProtocol#minTlsVersion()}).
	 */
	TLS("tls"),

	/**
	 * HTTP/2 or later: h2 over TLS (ALPN), or h2c on cleartext.
	 */
	HTTP_2("http-2"),

	/**
	 * A WebSocket handshake (RFC 6455).
	 */
	WEBSOCKET("websocket");

	private final String value;

	Protocol(String value) {
		this.value = value;
	}

	/**
	 * Return the name of this protocol as written in configuration properties.
	 * @return the property value, such as {@code tls}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the values accepted in configuration, for messages.
	 * @return the values, comma separated
	 */
	public static String supportedValues() {
		return Arrays.stream(values()).map(Protocol::value).collect(Collectors.joining(", "));
	}

	/**
	 * Parse a configuration value leniently: case, {@code -} and {@code _} are ignored, so {@code tls},
	 * {@code http-2}, {@code HTTP_2}, {@code http2} and {@code websocket} are accepted.
	 * @param value the configured value
	 * @return the protocol, or {@code null} if the value names none
	 */
	public static @Nullable Protocol parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String normalized = value.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
		for (Protocol protocol : values()) {
			if (protocol.value.replace("-", "").equals(normalized)) {
				return protocol;
			}
		}
		return null;
	}

}
