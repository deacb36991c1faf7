package dev.upgraderequired.reactive;

import java.util.List;

import dev.upgraderequired.core.RequestFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads what a WebFlux request offers. What Spring computes for every server (whether the request is secure, its
 * headers) is answered here; what only the server knows (the HTTP version and the negotiated TLS protocol), and
 * what a server needs to send a refusal intact, is left to one implementation per server:
 * {@link ReactorNettyRequestFacts}, and {@link ServletContainerReactiveRequestFacts} for Tomcat and Jetty. Declare a
 * bean of this type to support another server.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public interface ReactiveRequestFacts extends RequestFacts<ServerHttpRequest> {

	/**
	 * Whether the request arrived over TLS, from the scheme of the request URI as Spring computed it: from the
	 * connection, or from forwarding headers only when {@code server.forward-headers-strategy} says to trust them.
	 * @param request the request
	 * @return whether the request is secure
	 */
	@Override
	default boolean isSecure(ServerHttpRequest request) {
		String scheme = request.getURI().getScheme();
		return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
	}

	/**
	 * Prepare the server for a 426 response to an HTTP/1.x request, for servers that would otherwise alter its
	 * headers. Called just before the response is written; does nothing by default.
	 * @param request the request being refused
	 */
	default void beforeHttp1Refusal(ServerHttpRequest request) {
	}

	@Override
	default boolean isWebSocketHandshake(ServerHttpRequest request) {
		List<String> values = request.getHeaders().get(HttpHeaders.UPGRADE);
		if (values != null) {
			for (int i = 0; i < values.size(); i++) {
				if (RequestFacts.listsToken(values.get(i), "websocket")) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	default @Nullable String webSocketVersion(ServerHttpRequest request) {
		return request.getHeaders().getFirst("Sec-WebSocket-Version");
	}

}
