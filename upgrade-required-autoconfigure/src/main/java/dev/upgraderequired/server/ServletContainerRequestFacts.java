package dev.upgraderequired.server;

import dev.upgraderequired.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;


/**
 * Reads what a request served by a servlet container offers from what the container computed about its connection:
 * whether it is TLS, {@code getProtocol()} and the TLS protocol negotiated on the connection, which each container
 * exposes its own way. Forwarding headers sent by the client are never read here; the container applies them only
 * where {@code server.forward-headers-strategy} says so.
 * <p>
 * Whether a request is TLS is {@code isSecure()} by default, which Tomcat answers from the connector the request
 * arrived on. Jetty answers it from the scheme of the request, which a client sets itself on a cleartext connection
 * (an absolute-form request target such as {@code GET https://host/path}, or {@code :scheme: https} on an h2c
 * stream), so its facts take the connection's TLS session instead.
 * <p>
 * Tomcat and Jetty only accept {@code HTTP/1.0} and {@code HTTP/1.1} in a request line (they answer other versions
 * with 505 or 400, and Jetty {@code HTTP/2.0} with 426), and report {@code HTTP/2.0} for the streams of an h2 or h2c
 * connection, so {@code getProtocol()} tells what the connection is. Anything but {@code HTTP/2.0} counts as
 * HTTP/1.x, which never satisfies an HTTP/2 requirement.
 * <p>
 * One instance per supported container ({@link #tomcat()}, {@link #jetty(boolean)}); declare a bean of this type to
 * support another one (its {@code toString()} names the container in messages). An interface, as the WebFlux
 * adapter's {@code ReactiveRequestFacts} is.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public interface ServletContainerRequestFacts extends RequestFacts<HttpServletRequest> {

	/**
	 * Return the facts of Tomcat, which exposes the negotiated TLS protocol in the
	 * {@code jakarta.servlet.request.secure_protocol} request attribute. Also used for requests that do not come from
	 * a server, such as those of {@code MockMvc}.
	 * @return the facts of Tomcat
	 */
	static ServletContainerRequestFacts tomcat() {
		return TomcatRequestFacts.INSTANCE;
	}

	/**
	 * Return the facts of Jetty, which exposes the TLS session of the connection in a request attribute: a request is
	 * TLS when its connection has a TLS session, or, where forwarding headers are trusted, when Jetty says it is
	 * secure.
	 * @param forwardedHeadersTrusted whether forwarding headers are trusted (see {@link ForwardedHeadersTrust})
	 * @return the facts of Jetty
	 */
	static ServletContainerRequestFacts jetty(boolean forwardedHeadersTrusted) {
		return forwardedHeadersTrusted ? JettyRequestFacts.BEHIND_PROXY : JettyRequestFacts.DIRECT;
	}

	@Override
	default boolean isSecure(HttpServletRequest request) {
		return request.isSecure();
	}

	@Override
	default boolean isHttp1(HttpServletRequest request) {
		// Never decided from the request's Upgrade header: after an h2c upgrade the first stream still carries it.
		return !"HTTP/2.0".equals(request.getProtocol());
	}

	@Override
	default String method(HttpServletRequest request) {
		return request.getMethod();
	}

	@Override
	default @Nullable String header(HttpServletRequest request, String name) {
		return request.getHeader(name);
	}

	@Override
	default @Nullable String remoteAddress(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
