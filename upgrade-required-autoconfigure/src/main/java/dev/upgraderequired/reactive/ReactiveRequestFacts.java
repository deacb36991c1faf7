package dev.upgraderequired.reactive;

import java.net.InetSocketAddress;

import dev.upgraderequired.RequestFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads what a WebFlux request offers. What Spring computes for every server (whether the request is secure, its
 * method and headers) is answered here; what only the server knows (the HTTP version and the negotiated TLS
 * protocol), and what a server needs to send a refusal intact, is left to one implementation per server: Reactor
 * Netty's, and one for Tomcat and Jetty, which Boot runs WebFlux on through Spring's servlet adapter. Declare a bean
 * of this type to support another server.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public interface ReactiveRequestFacts extends RequestFacts<ServerHttpRequest> {

	/**
	 * Whether the request arrived over TLS, from the scheme of the request URI as Spring computed it: from the
	 * connection, or from forwarding headers only when {@code server.forward-headers-strategy} says to trust them.
	 * That holds on Reactor Netty; a server whose scheme a client can write itself (Jetty takes it from an
	 * absolute-form request target, or from {@code :scheme}) must answer from the connection instead.
	 * @param request the request
	 * @return whether the request is secure
	 */
	@Override
	default boolean isSecure(ServerHttpRequest request) {
		String scheme = request.getURI().getScheme();
		return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
	}

	@Override
	default String method(ServerHttpRequest request) {
		return request.getMethod().name();
	}

	@Override
	default @Nullable String header(ServerHttpRequest request, String name) {
		return request.getHeaders().getFirst(name);
	}

	@Override
	default @Nullable String remoteAddress(ServerHttpRequest request) {
		InetSocketAddress address = request.getRemoteAddress();
		return (address != null) ? address.getHostString() : null;
	}

	/**
	 * Prepare the server for a response to an HTTP/1.x request that carries {@code Upgrade} and
	 * {@code Connection: Upgrade} (a 426, or a response served before a requirement's date that announces it), for
	 * servers that would otherwise drop the {@code Upgrade} connection option. Called before the response is
	 * committed; does nothing by default.
	 * @param request the request
	 * @since 0.2.0
	 */
	default void beforeHttp1Upgrade(ServerHttpRequest request) {
	}

}
