package dev.upgraderequired.servlet;

import java.util.Locale;

import dev.upgraderequired.server.ForwardedHeadersTrust;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.server.UnsupportedServerException;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Chooses the facts of Spring MVC requests by the servlet container the application runs in: by its servlet
 * context's server info, which also tells the container of a war deployment, or, while the context has no servlet
 * context yet, by the embedded server's factory. A context that no server runs (MockMvc) reads requests as Tomcat's.
 *
 * @author upgrade-required
 */
final class ServletContainers {

	private static final String JETTY_END_POINT = "org.eclipse.jetty.io.EndPoint";

	private static final String SERVER_FACTORY =
			"org.springframework.boot.web.server.servlet.ServletWebServerFactory";

	private static final String TOMCAT_FACTORY =
			"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory";

	private static final String JETTY_FACTORY = "org.springframework.boot.jetty.servlet.JettyServletWebServerFactory";

	private ServletContainers() {
	}

	/**
	 * Return the facts of the requests of the container an application context runs in.
	 * @param context the application context
	 * @return the facts
	 * @throws UnsupportedServerException if the container is not one whose facts are known
	 */
	static ServletContainerRequestFacts requestFacts(WebApplicationContext context) {
		boolean forwardedHeadersTrusted = ForwardedHeadersTrust.of(context.getEnvironment()).trusted();
		ServletContext servletContext = context.getServletContext();
		if (servletContext != null) {
			return forServerInfo(servletContext.getServerInfo(), servletContext.getClass().getClassLoader(),
					forwardedHeadersTrusted);
		}
		Object factory = ClassUtils.isPresent(SERVER_FACTORY, context.getClassLoader())
				? context.getBeanProvider(ClassUtils.resolveClassName(SERVER_FACTORY, context.getClassLoader()))
					.getIfAvailable()
				: null;
		if (factory != null && isInstance(factory, TOMCAT_FACTORY)) {
			return ServletContainerRequestFacts.tomcat();
		}
		if (factory != null && isInstance(factory, JETTY_FACTORY)) {
			return jetty("jetty", factory.getClass().getClassLoader(), forwardedHeadersTrusted);
		}
		throw unsupported((factory != null) ? factory.getClass().getName() : "an unknown servlet container");
	}

	/**
	 * Return the facts of the container that a servlet context belongs to.
	 * @param serverInfo the servlet context's {@code getServerInfo()}, such as {@code Apache Tomcat/11.0.27} or
	 * {@code jetty/12.1.14}; {@code MockServletContext} for a context that no server runs
	 * @param containerClassLoader the class loader of the container's classes
	 * @param forwardedHeadersTrusted whether forwarding headers are trusted ({@link ForwardedHeadersTrust})
	 * @return the facts
	 * @throws UnsupportedServerException if the container is not one whose facts are known
	 */
	static ServletContainerRequestFacts forServerInfo(String serverInfo, @Nullable ClassLoader containerClassLoader,
			boolean forwardedHeadersTrusted) {
		String server = serverInfo.toLowerCase(Locale.ROOT);
		if (server.startsWith("apache tomcat/") || server.equals("mockservletcontext")) {
			return ServletContainerRequestFacts.tomcat();
		}
		if (server.startsWith("jetty/")) {
			return jetty(serverInfo, containerClassLoader, forwardedHeadersTrusted);
		}
		throw unsupported(serverInfo);
	}

	// Jetty's facts are an object of Jetty's own class. A war deployed to a standalone Jetty does not see the server's
	// classes (or has copies of its own), so it could not read them.
	private static ServletContainerRequestFacts jetty(String serverInfo, @Nullable ClassLoader containerClassLoader,
			boolean forwardedHeadersTrusted) {
		ClassLoader ours = ServletContainers.class.getClassLoader();
		if (!ClassUtils.isPresent(JETTY_END_POINT, ours) || !ClassUtils.isPresent(JETTY_END_POINT, containerClassLoader)
				|| ClassUtils.resolveClassName(JETTY_END_POINT, ours) != ClassUtils.resolveClassName(JETTY_END_POINT,
						containerClassLoader)) {
			throw unsupported(serverInfo + ", whose classes this application cannot see (a war deployment)");
		}
		return ServletContainerRequestFacts.jetty(forwardedHeadersTrusted);
	}

	private static boolean isInstance(Object factory, String className) {
		ClassLoader classLoader = factory.getClass().getClassLoader();
		return ClassUtils.isPresent(className, classLoader)
				&& ClassUtils.resolveClassName(className, classLoader).isInstance(factory);
	}

	/**
	 * What a native image needs to tell the servlet container: the classes looked up by name.
	 */
	static final class Hints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			for (String type : new String[] { SERVER_FACTORY, TOMCAT_FACTORY, JETTY_FACTORY, JETTY_END_POINT,
					UpgradeRequiredServletConfiguration.WEBSOCKET_HANDLER }) {
				hints.reflection().registerTypeIfPresent(classLoader, type);
			}
		}

	}

	private static UnsupportedServerException unsupported(String server) {
		return new UnsupportedServerException(server + " (Spring MVC)",
				ServletContainerRequestFacts.class.getSimpleName());
	}

}
