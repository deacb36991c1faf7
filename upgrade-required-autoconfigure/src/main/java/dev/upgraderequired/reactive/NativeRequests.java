package dev.upgraderequired.reactive;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * The request of the server behind a WebFlux request.
 *
 * @author upgrade-required
 */
final class NativeRequests {

	private NativeRequests() {
	}

	/**
	 * Return the server's own request behind a WebFlux request, through any decorators.
	 * @param request the request
	 * @return the native request, or {@code null} for a request that no server received, such as a mock request of
	 * {@code WebTestClient} bound to an application context
	 */
	static @Nullable Object of(ServerHttpRequest request) {
		try {
			return ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Not a server's request: a mock, or a decorator around one.
			return null;
		}
	}

}
