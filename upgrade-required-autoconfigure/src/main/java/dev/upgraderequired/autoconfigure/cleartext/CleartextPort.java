package dev.upgraderequired.autoconfigure.cleartext;

import java.util.Map;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.server.ForwardedHeadersTrust;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * What every cleartext listener of {@code upgrade-required.cleartext.port} shares, whichever server runs it: where
 * it tells the port it is bound to (as Boot tells the application's own port in {@code local.server.port}), and the
 * forwarding headers it must not trust.
 *
 * @author upgrade-required
 */
final class CleartextPort {

	/**
	 * The property that sets the port.
	 */
	static final String PROPERTY = "upgrade-required.cleartext.port";

	/**
	 * The property that holds the bound port of the cleartext listener once it is running.
	 */
	static final String LOCAL_PORT_PROPERTY = "local." + PROPERTY;

	private static final String PROPERTY_SOURCE_NAME = "upgrade-required.cleartext";

	private CleartextPort() {
	}

	/**
	 * Return the port of the cleartext listener, checked against the application's own.
	 * @param port the configured port ({@code null} when set empty)
	 * @param serverPort the application's own port ({@code server.port}), {@code null} if not set (8080)
	 * @param tlsEnabled whether the application's own port has TLS enabled
	 * @return the port, 0 for any free port
	 * @throws InvalidRequirementException if the port cannot be opened beside the application's own
	 */
	static int validated(@Nullable Integer port, @Nullable Integer serverPort, boolean tlsEnabled) {
		// Boot's own default when server.port is not set.
		int applicationPort = (serverPort != null) ? serverPort : 8080;
		// Set empty: no port at all (the properties checked a port's range).
		if (port == null) {
			throw new InvalidRequirementException(PROPERTY, "null",
					"a port between 1 and 65535, or 0 for any free port");
		}
		if (port != 0 && port == applicationPort) {
			throw new InvalidRequirementException(PROPERTY, String.valueOf(port),
					"a port other than server.port, which serves TLS");
		}
		if (!tlsEnabled) {
			throw new InvalidRequirementException(PROPERTY, String.valueOf(port),
					"a cleartext listener only beside TLS on server.port (server.ssl.*): without TLS, server.port "
							+ "already serves cleartext; remove the property or enable server.ssl");
		}
		return port;
	}

	/**
	 * Publish the port a cleartext listener is bound to in the environment of its application context.
	 * @param context the application context
	 * @param port the bound port
	 */
	static void publish(ApplicationContext context, int port) {
		if (context instanceof ConfigurableApplicationContext configurable) {
			ConfigurableEnvironment environment = configurable.getEnvironment();
			MutablePropertySources sources = environment.getPropertySources();
			sources.remove(PROPERTY_SOURCE_NAME);
			sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(LOCAL_PORT_PROPERTY, port)));
		}
	}

	/**
	 * Refuse a cleartext listener on which any client could claim TLS with a forwarding header: Spring's
	 * {@code framework} strategy trusts every client, and so does the {@code native} one of a server that has no list
	 * of trusted proxies (Jetty, Reactor Netty). Tomcat's {@code RemoteIpValve} only trusts its internal proxies.
	 * @param environment the environment
	 * @param port the configured port
	 * @param server the server that would open the listener
	 * @param nativeTrustsOnlyProxies whether the server's native support only trusts the headers of known proxies
	 * @throws InvalidRequirementException if a client could claim TLS on the listener
	 */
	static void rejectTrustedForwardingHeaders(Environment environment, int port, String server,
			boolean nativeTrustsOnlyProxies) {
		ForwardedHeadersTrust trust = ForwardedHeadersTrust.of(environment);
		if (trust.trusted() && !(trust.isNative() && nativeTrustsOnlyProxies)) {
			throw new InvalidRequirementException(PROPERTY, String.valueOf(port), "no cleartext listener on " + server
					+ " while forwarding headers are trusted from every client (" + trust.description()
					+ "): a client on the cleartext port could claim TLS with X-Forwarded-Proto. Remove the property "
					+ "(behind a TLS-terminating proxy the proxy serves cleartext), or set "
					+ ForwardedHeadersTrust.PROPERTY + "=none");
		}
	}

}
