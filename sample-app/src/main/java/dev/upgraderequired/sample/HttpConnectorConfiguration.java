package dev.upgraderequired.sample;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http2.Http2Protocol;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds a cleartext HTTP connector on {@code sample.http-port} beside the HTTPS one on {@code server.port}, with
 * h2c (both the {@code Upgrade: h2c} mechanism and prior knowledge). Servlet mode only: reactive mode has
 * {@link ReactiveHttpServerConfiguration}.
 *
 * @author upgrade-required
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
class HttpConnectorConfiguration {

	@Bean
	CleartextConnector cleartextConnector(@Value("${sample.http-port:8080}") int httpPort) {
		Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setPort(httpPort);
		// Only the primary connector gets HTTP/2 from server.http2.enabled; this one needs it added.
		connector.addUpgradeProtocol(new Http2Protocol());
		return new CleartextConnector(connector);
	}

	/**
	 * Adds the connector to Tomcat, and tells where it listens once Tomcat has started.
	 */
	static final class CleartextConnector
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, CleartextPort {

		private final Connector connector;

		CleartextConnector(Connector connector) {
			this.connector = connector;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addAdditionalConnectors(this.connector);
		}

		@Override
		public int getPort() {
			return this.connector.getLocalPort();
		}

	}

}
