package dev.upgraderequired.core;

import org.jspecify.annotations.Nullable;

/**
 * Reads what a request of some transport offers. Implementations are stateless singletons that take the native
 * request as an argument, so that checking a request allocates nothing.
 * <p>
 * Implementations must only report what the server itself established (the connection, or a proxy strategy the
 * application opted into), never what a client claims in headers such as {@code X-Forwarded-Proto} or in the
 * request line.
 *
 * @param <R> the native request type
 * @author upgrade-required
 * @since 0.1.0
 */
public interface RequestFacts<R> {

	/**
	 * Whether the request arrived over TLS, directly or through a trusted proxy.
	 * @param request the request
	 * @return whether the request is secure
	 */
	boolean isSecure(R request);

	/**
	 * Return the TLS protocol negotiated on the connection, such as {@code TLSv1.3}, or {@code null} when the
	 * server did not terminate TLS itself (cleartext, or a proxy in front).
	 * @param request the request
	 * @return the negotiated TLS protocol or {@code null}
	 */
	@Nullable String tlsProtocol(R request);

	/**
	 * Whether the request is an HTTP/1.x exchange (as opposed to HTTP/2 or later). Anything that the server does not
	 * report as a stream of an HTTP/2 connection counts as HTTP/1.x, whatever the request line says: a request never
	 * meets an HTTP/2 requirement by what it claims.
	 * @param request the request
	 * @return whether the exchange is HTTP/1.x
	 */
	boolean isHttp1(R request);

	/**
	 * Whether the request asks for a WebSocket upgrade: its {@code Upgrade} header names {@code websocket}.
	 * @param request the request
	 * @return whether the request is a WebSocket handshake
	 */
	boolean isWebSocketHandshake(R request);

	/**
	 * Return the {@code Sec-WebSocket-Version} of the request, or {@code null} if it has none.
	 * @param request the request
	 * @return the requested WebSocket version or {@code null}
	 */
	@Nullable String webSocketVersion(R request);

	/**
	 * Whether a comma-separated header value lists exactly the given token, ignoring case and surrounding
	 * whitespace ({@code websocket/13} is not {@code websocket}). Helper for {@link #isWebSocketHandshake}.
	 * @param headerValue the header value, may be {@code null}
	 * @param token the token to look for
	 * @return whether the token is listed
	 */
	static boolean listsToken(@Nullable String headerValue, String token) {
		if (headerValue == null) {
			return false;
		}
		int length = headerValue.length();
		int start = 0;
		while (start < length) {
			int end = headerValue.indexOf(',', start);
			if (end < 0) {
				end = length;
			}
			int from = start;
			int to = end;
			while (from < to && isWhitespace(headerValue.charAt(from))) {
				from++;
			}
			while (to > from && isWhitespace(headerValue.charAt(to - 1))) {
				to--;
			}
			if (to - from == token.length() && headerValue.regionMatches(true, from, token, 0, token.length())) {
				return true;
			}
			start = end + 1;
		}
		return false;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
