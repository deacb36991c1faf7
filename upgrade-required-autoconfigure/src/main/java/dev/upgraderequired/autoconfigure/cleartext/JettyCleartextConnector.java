package dev.upgraderequired.autoconfigure.cleartext;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Adds the cleartext connector of {@code upgrade-required.cleartext.port} to Jetty (Spring MVC or WebFlux): HTTP/1.1,
 * and h2c (the {@code Upgrade: h2c} mechanism and prior knowledge) when {@code server.http2.enabled} is set. It is
 * added before any other server customizer runs, so that those that set up every connector (header sizes, idle
 * timeouts, the {@code server.jetty.*} settings) set it up too, with a copy of the HTTP configuration of the
 * application's own connector and the same acceptors and selectors. It serves the same handlers, filters and
 * security; compression and the server header are handlers, and apply to it as well.
 *
 * @author upgrade-required
 */
final class JettyCleartextConnector extends CleartextConnector<JettyWebServerFactory> {

	static final String HTTP2C_FACTORY = "org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory";

	private final Environment environment;

	private volatile @Nullable ServerConnector connector;

	JettyCleartextConnector(int port, Environment environment) {
		super(port);
		this.environment = environment;
	}

	@Override
	public void customize(JettyWebServerFactory factory) {
		CleartextPort.rejectTrustedForwardingHeaders(this.environment, port(), "Jetty", false);
		boolean http2 = factory.getHttp2() != null && factory.getHttp2().isEnabled();
		Assert.state(!http2 || ClassUtils.isPresent(HTTP2C_FACTORY, getClass().getClassLoader()),
				"An 'org.eclipse.jetty.http2:jetty-http2-server' dependency is required for h2c on the cleartext port");
		String host = (factory.getAddress() != null) ? factory.getAddress().getHostAddress() : null;
		List<JettyServerCustomizer> customizers = new ArrayList<>();
		customizers.add((server) -> addConnector(server, host, http2, factory.getAcceptors(), factory.getSelectors()));
		customizers.addAll(factory.getServerCustomizers());
		factory.setServerCustomizers(customizers);
	}

	private void addConnector(Server server, @Nullable String host, boolean http2, int acceptors, int selectors) {
		HttpConfiguration configuration = new HttpConfiguration(primaryConfiguration(server));
		List<ConnectionFactory> factories = new ArrayList<>(2);
		factories.add(new HttpConnectionFactory(configuration));
		if (http2) {
			factories.add(new HTTP2CServerConnectionFactory(configuration));
		}
		ServerConnector connector = new ServerConnector(server, acceptors, selectors,
				factories.toArray(new ConnectionFactory[0]));
		connector.setHost(host);
		connector.setPort(port());
		server.addConnector(connector);
		this.connector = connector;
	}

	private static HttpConfiguration primaryConfiguration(Server server) {
		for (Connector connector : server.getConnectors()) {
			for (ConnectionFactory factory : connector.getConnectionFactories()) {
				if (factory instanceof HttpConfiguration.ConnectionFactory configured) {
					return configured.getHttpConfiguration();
				}
			}
		}
		HttpConfiguration configuration = new HttpConfiguration();
		configuration.setSendServerVersion(false);
		return configuration;
	}

	@Override
	int localPort() {
		ServerConnector connector = this.connector;
		return (connector != null) ? connector.getLocalPort() : -1;
	}

	@Override
	boolean belongsTo(WebServer server) {
		return server instanceof JettyWebServer;
	}

}
