package dev.upgraderequired.autoconfigure;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http2.Http2Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Adds the cleartext connector of {@code upgrade-required.cleartext.port} to Tomcat (Spring MVC or WebFlux): HTTP/1.1,
 * and h2c (the {@code Upgrade: h2c} mechanism and prior knowledge) when {@code server.http2.enabled} is set. It is
 * customized like the application's own connector (address, URI encoding, and the connector and protocol handler
 * customizers, which carry the {@code server.*} and {@code server.tomcat.*} settings), and shares its engine:
 * the same valves, context, filters and handlers.
 *
 * @author upgrade-required
 */
final class TomcatCleartextConnector implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered,
		ApplicationListener<WebServerInitializedEvent> {

	private final int port;

	private volatile @Nullable Connector connector;

	TomcatCleartextConnector(int port) {
		this.port = port;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		Connector connector = new Connector(factory.getProtocol());
		connector.setPort(this.port);
		ProtocolHandler protocolHandler = connector.getProtocolHandler();
		if (factory.getAddress() != null && protocolHandler instanceof AbstractProtocol<?> protocol) {
			protocol.setAddress(factory.getAddress());
		}
		invokeProtocolHandlerCustomizers(factory, protocolHandler);
		connector.setURIEncoding(factory.getUriEncoding().name());
		if (factory.getHttp2() != null && factory.getHttp2().isEnabled()) {
			connector.addUpgradeProtocol(new Http2Protocol());
		}
		for (TomcatConnectorCustomizer customizer : factory.getConnectorCustomizers()) {
			customizer.customize(connector);
		}
		factory.addAdditionalConnectors(connector);
		this.connector = connector;
	}

	@SuppressWarnings("unchecked")
	private static void invokeProtocolHandlerCustomizers(TomcatWebServerFactory factory,
			ProtocolHandler protocolHandler) {
		LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(),
				protocolHandler)
			.invoke((customizer) -> customizer.customize(protocolHandler));
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		Connector connector = this.connector;
		if (connector != null && event.getWebServer() instanceof TomcatWebServer
				&& event.getApplicationContext().getServerNamespace() == null && connector.getLocalPort() > 0) {
			CleartextListener.publishPort(event.getApplicationContext(), connector.getLocalPort());
		}
	}

	// After every other customizer, so that the connector and protocol handler customizers are all known.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
