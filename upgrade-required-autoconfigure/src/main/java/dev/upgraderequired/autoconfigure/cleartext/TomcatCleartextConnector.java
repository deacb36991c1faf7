package dev.upgraderequired.autoconfigure.cleartext;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http2.Http2Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.CompressionConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServer;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Adds the cleartext connector of {@code upgrade-required.cleartext.port} to Tomcat (Spring MVC or WebFlux): HTTP/1.1,
 * and h2c (the {@code Upgrade: h2c} mechanism and prior knowledge) when {@code server.http2.enabled} is set. It is
 * customized like the application's own connector (address, server header, URI encoding, compression, and the
 * connector and protocol handler customizers, which carry the {@code server.*} and {@code server.tomcat.*}
 * settings), then made plain HTTP whatever a customizer set, and shares its engine: the same valves, context,
 * filters and handlers. Forwarding headers are trusted only through Tomcat's {@code RemoteIpValve}, which trusts its
 * internal proxies only.
 *
 * @author upgrade-required
 */
final class TomcatCleartextConnector extends CleartextConnector<TomcatWebServerFactory> {

	private final Environment environment;

	private volatile @Nullable Connector connector;

	TomcatCleartextConnector(int port, Environment environment) {
		super(port);
		this.environment = environment;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		CleartextPort.rejectTrustedForwardingHeaders(this.environment, port(), "Tomcat", true);
		Connector connector = new Connector(factory.getProtocol());
		connector.setPort(port());
		ProtocolHandler protocolHandler = connector.getProtocolHandler();
		if (factory.getAddress() != null && protocolHandler instanceof AbstractProtocol<?> protocol) {
			protocol.setAddress(factory.getAddress());
		}
		if (StringUtils.hasText(factory.getServerHeader())) {
			connector.setProperty("server", factory.getServerHeader());
		}
		invokeProtocolHandlerCustomizers(factory, protocolHandler);
		connector.setURIEncoding(factory.getUriEncoding().name());
		if (factory.getHttp2() != null && factory.getHttp2().isEnabled()) {
			connector.addUpgradeProtocol(new Http2Protocol());
		}
		new CompressionConnectorCustomizer(factory.getCompression()).customize(connector);
		for (TomcatConnectorCustomizer customizer : factory.getConnectorCustomizers()) {
			customizer.customize(connector);
		}
		// Customizers written for the application's own connector may set it up for TLS or for a TLS proxy.
		connector.setSecure(false);
		connector.setScheme("http");
		Assert.state(!(protocolHandler instanceof AbstractHttp11Protocol<?> http11) || !http11.isSSLEnabled(),
				"A TomcatConnectorCustomizer enabled TLS on the cleartext connector of " + CleartextPort.PROPERTY);
		factory.addAdditionalConnectors(connector);
		this.connector = connector;
	}

	@SuppressWarnings("unchecked")
	private static void invokeProtocolHandlerCustomizers(TomcatWebServerFactory factory,
			ProtocolHandler protocolHandler) {
		LambdaSafe
			.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(), protocolHandler)
			.invoke((customizer) -> customizer.customize(protocolHandler));
	}

	@Override
	int localPort() {
		Connector connector = this.connector;
		return (connector != null) ? connector.getLocalPort() : -1;
	}

	@Override
	boolean belongsTo(WebServer server) {
		return server instanceof TomcatWebServer;
	}

}
