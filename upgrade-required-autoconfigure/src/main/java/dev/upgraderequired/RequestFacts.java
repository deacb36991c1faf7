package dev.upgraderequired;

import org.jspecify.annotations.Nullable;

/**
 * Reads what a request of some server offers. Implementations are stateless singletons that take the native
 * request as an argument, so that checking a request allocates nothing. To support another server, declare a bean
 * of one of the adapters' types: a {@code ServletContainerRequestFacts} or a {@code ReactiveRequestFacts}.
 * <p>
 * Implementations must only report what the server itself established (the connection, or a proxy strategy the
 * application opted into), never what a client claims in headers such as {@code X-Forwarded-Proto} or in the
 * request line. What the request's headers say (a WebSocket handshake, a CORS pre-flight) is read through
 * {@link #header} and judged by the core.
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
	 * Return the request's method, such as {@code GET}.
	 * @param request the request
	 * @return the method
	 */
	String method(R request);

	/**
	 * Return the first value of a request header.
	 * @param request the request
	 * @param name the header name
	 * @return the value, or {@code null} if the request has no such header
	 */
	@Nullable String header(R request, String name);

	/**
	 * Return the address of the client (or of the proxy in front of it, unless a forward-headers strategy applies),
	 * for the log of refusals.
	 * @param request the request
	 * @return the address, {@code null} if unknown
	 * @since 0.2.0
	 */
	default @Nullable String remoteAddress(R request) {
		return null;
	}

}
