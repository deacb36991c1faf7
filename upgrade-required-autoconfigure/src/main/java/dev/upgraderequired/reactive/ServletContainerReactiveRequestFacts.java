package dev.upgraderequired.reactive;

import dev.upgraderequired.core.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads what a WebFlux request offers on a servlet container (Tomcat or Jetty, which Spring Boot runs WebFlux on
 * through Spring's servlet adapter): the HTTP version and the negotiated TLS protocol come from the container's own
 * request, as on Spring MVC.
 * <p>
 * A request that no container received, such as a mock request of {@code WebTestClient} bound to an application
 * context, is taken as HTTP/1.1 with an unknown TLS protocol.
 *
 * @author upgrade-required
 */
final class ServletContainerReactiveRequestFacts implements ReactiveRequestFacts {

	private final RequestFacts<HttpServletRequest> container;

	/**
	 * Create facts for a servlet container.
	 * @param container reads what the container computed about its requests
	 */
	ServletContainerReactiveRequestFacts(RequestFacts<HttpServletRequest> container) {
		this.container = container;
	}

	@Override
	public @Nullable String tlsProtocol(ServerHttpRequest request) {
		return (NativeRequests.of(request) instanceof HttpServletRequest servletRequest)
				? this.container.tlsProtocol(servletRequest) : null;
	}

	@Override
	public boolean isHttp1(ServerHttpRequest request) {
		return !(NativeRequests.of(request) instanceof HttpServletRequest servletRequest)
				|| this.container.isHttp1(servletRequest);
	}

	@Override
	public String toString() {
		return this.container.toString();
	}

}
