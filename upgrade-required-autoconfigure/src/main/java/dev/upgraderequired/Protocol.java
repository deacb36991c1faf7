package dev.upgraderequired;

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
	TLS,

	/**
	 * HTTP/2 or later: h2 over TLS (ALPN), or h2c on cleartext.
	 */
	HTTP_2,

	/**
	 * A WebSocket handshake (RFC 6455).
	 */
	WEBSOCKET

}
