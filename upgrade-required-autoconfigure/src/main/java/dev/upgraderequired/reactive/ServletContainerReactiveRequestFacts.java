package dev.upgraderequired.reactive;

import dev.upgraderequired.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads what a WebFlux request offers on a servlet container (Tomcat or Jetty, which Spring Boot runs WebFlux on
 * through Spring's servlet adapter): whether it is TLS, the HTTP version and the negotiated TLS protocol come from the
 * container's own request, as on Spring MVC. The scheme of the WebFlux request's URI is the container's scheme, which
 * a client sets itself on Jetty (and on an h2c stream, with {@code :scheme}); it counts only where forwarding headers
 * are trusted, since Spring's {@code framework} strategy applies them to the URI alone.
 * <p>
 * A request that no container received, such as a mock request of {@code WebTestClient} bound to an application
 * context, is taken as HTTP/1.1 with an unknown TLS protocol, and as TLS when its URI says {@code https}.
 *
 * @author upgrade-required
 */
final class ServletContainerReactiveRequestFacts implements ReactiveRequestFacts {

	private final RequestFacts<HttpServletRequest> container;

	private final boolean forwardedHeadersTrusted;

	/**
	 * Create facts for a servlet container.
	 * @param container reads what the container computed about its requests
	 * @param forwardedHeadersTrusted whether forwarding headers are trusted
	 */
	ServletContainerReactiveRequestFacts(RequestFacts<HttpServletRequest> container,
			boolean forwardedHeadersTrusted) {
		this.container = container;
		this.forwardedHeadersTrusted = forwardedHeadersTrusted;
	}

	@Override
	public boolean isSecure(ServerHttpRequest request) {
		if (!(NativeRequests.of(request) instanceof HttpServletRequest servletRequest)) {
			return ReactiveRequestFacts.super.isSecure(request);
		}
		return this.container.isSecure(servletRequest)
				|| (this.forwardedHeadersTrusted && ReactiveRequestFacts.super.isSecure(request));
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
