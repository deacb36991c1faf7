package dev.upgraderequired.reactive;

import dev.upgraderequired.server.ForwardedHeadersTrust;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.server.UnsupportedServerException;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;

/**
 * Chooses the facts of WebFlux requests by the server the application runs on, as its
 * {@link ReactiveWebServerFactory} tells: Reactor Netty, or Tomcat or Jetty (on which Boot runs WebFlux through
 * Spring's servlet adapter).
 *
 * @author upgrade-required
 */
final class ReactiveServers {

	private static final String NETTY = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	private static final String TOMCAT = "org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory";

	private static final String JETTY = "org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory";

	private ReactiveServers() {
	}

	/**
	 * Return the facts of the requests of the server that a factory creates.
	 * @param context the application context
	 * @param factory the application's server factory, {@code null} if it runs no server (a mock web environment,
	 * where every request is taken as HTTP/1.1 with no TLS protocol)
	 * @return the facts
	 * @throws UnsupportedServerException if the server is not one whose facts are known
	 */
	static ReactiveRequestFacts requestFacts(ApplicationContext context, @Nullable ReactiveWebServerFactory factory) {
		if (factory == null) {
			// A context that runs a server has a factory for it; only a mock web environment has none.
			if (context instanceof ReactiveWebServerApplicationContext) {
				throw new UnsupportedServerException("a server without a ReactiveWebServerFactory (WebFlux)",
						ReactiveRequestFacts.class.getSimpleName());
			}
			return WithoutServer.INSTANCE;
		}
		boolean forwardedHeadersTrusted = ForwardedHeadersTrust.of(context.getEnvironment()).trusted();
		if (isInstance(factory, NETTY)) {
			return ReactorNettyRequestFacts.INSTANCE;
		}
		if (isInstance(factory, TOMCAT)) {
			return new ServletContainerReactiveRequestFacts(ServletContainerRequestFacts.tomcat(),
					forwardedHeadersTrusted);
		}
		if (isInstance(factory, JETTY)) {
			return new ServletContainerReactiveRequestFacts(ServletContainerRequestFacts.jetty(forwardedHeadersTrusted),
					forwardedHeadersTrusted);
		}
		throw new UnsupportedServerException(factory.getClass().getName() + " (WebFlux)",
				ReactiveRequestFacts.class.getSimpleName());
	}

	/**
	 * What a native image needs to tell the server: the classes looked up by name.
	 */
	static final class Hints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			for (String type : new String[] { NETTY, TOMCAT, JETTY }) {
				hints.reflection().registerTypeIfPresent(classLoader, type);
			}
		}

	}

	private static boolean isInstance(ReactiveWebServerFactory factory, String className) {
		ClassLoader classLoader = factory.getClass().getClassLoader();
		return ClassUtils.isPresent(className, classLoader)
				&& ClassUtils.resolveClassName(className, classLoader).isInstance(factory);
	}

	/**
	 * The facts of requests that no server received: HTTP/1.1, with no TLS protocol, unless the request is a
	 * {@link MockRequestProtocol}.
	 */
	private static final class WithoutServer implements ReactiveRequestFacts {

		static final WithoutServer INSTANCE = new WithoutServer();

		@Override
		public @Nullable String tlsProtocol(ServerHttpRequest request) {
			MockRequestProtocol protocol = protocolOf(request);
			return (protocol != null) ? protocol.tlsProtocol() : null;
		}

		@Override
		public boolean isHttp1(ServerHttpRequest request) {
			MockRequestProtocol protocol = protocolOf(request);
			return protocol == null || !protocol.isHttp2();
		}

		// The mock request's own word on its connection, through the decorators of filters.
		private static @Nullable MockRequestProtocol protocolOf(ServerHttpRequest request) {
			ServerHttpRequest candidate = request;
			while (true) {
				if (candidate instanceof MockRequestProtocol protocol) {
					return protocol;
				}
				if (!(candidate instanceof ServerHttpRequestDecorator decorator)) {
					return null;
				}
				candidate = decorator.getDelegate();
			}
		}

		@Override
		public String toString() {
			return "no server";
		}

	}

}
