package dev.upgraderequired.autoconfigure;

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

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Adds the cleartext connector of {@code upgrade-required.cleartext.port} to Jetty (Spring MVC or WebFlux): HTTP/1.1,
 * and h2c (the {@code Upgrade: h2c} mechanism and prior knowledge) when {@code server.http2.enabled} is set. The
 * connector copies the HTTP configuration of the application's own connector (header sizes and the other
 * {@code server.*} and {@code server.jetty.*} settings; Boot adds forwarded-header support to every connector), and
 * serves the same handlers, filters and security.
 *
 * @author upgrade-required
 */
final class JettyCleartextConnector implements WebServerFactoryCustomizer<JettyWebServerFactory>, Ordered,
		ApplicationListener<WebServerInitializedEvent> {

	private static final String HTTP2C_FACTORY = "org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory";

	private final int port;

	private volatile @Nullable ServerConnector connector;

	JettyCleartextConnector(int port) {
		this.port = port;
	}

	@Override
	public void customize(JettyWebServerFactory factory) {
		boolean http2 = factory.getHttp2() != null && factory.getHttp2().isEnabled();
		Assert.state(!http2 || ClassUtils.isPresent(HTTP2C_FACTORY, getClass().getClassLoader()),
				"An 'org.eclipse.jetty.http2:jetty-http2-server' dependency is required for h2c on the cleartext port");
		String host = (factory.getAddress() != null) ? factory.getAddress().getHostAddress() : null;
		factory.addServerCustomizers((server) -> addConnector(server, host, http2));
	}

	private void addConnector(Server server, @Nullable String host, boolean http2) {
		HttpConfiguration configuration = new HttpConfiguration(primaryConfiguration(server));
		List<ConnectionFactory> factories = new ArrayList<>(2);
		factories.add(new HttpConnectionFactory(configuration));
		if (http2) {
			factories.add(new HTTP2CServerConnectionFactory(configuration));
		}
		ServerConnector connector = new ServerConnector(server, factories.toArray(new ConnectionFactory[0]));
		connector.setHost(host);
		connector.setPort(this.port);
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
	public void onApplicationEvent(WebServerInitializedEvent event) {
		ServerConnector connector = this.connector;
		if (connector != null && event.getWebServer() instanceof JettyWebServer
				&& event.getApplicationContext().getServerNamespace() == null && connector.getLocalPort() > 0) {
			CleartextListener.publishPort(event.getApplicationContext(), connector.getLocalPort());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
