package dev.upgraderequired.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerFactoryCustomizer;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Reactive mode's cleartext HTTP listener on {@code sample.http-port}, beside the HTTPS server on
 * {@code server.port}. Reactor Netty has no additional connectors, so a second Netty server serves the application's
 * {@link HttpHandler} with HTTP/1.1 and h2c (both the {@code Upgrade: h2c} mechanism and prior knowledge), and starts
 * and stops with the main one. Servlet mode has {@link HttpConnectorConfiguration} instead.
 *
 * @author upgrade-required
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveHttpServerConfiguration {

	@Bean
	CleartextNettyServer cleartextNettyServer(@Value("${sample.http-port:8080}") int httpPort,
			ReactorResourceFactory resourceFactory, ObjectProvider<NettyReactiveWebServerFactoryCustomizer> customizers,
			ObjectProvider<HttpHandler> httpHandler) {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(httpPort);
		factory.setResourceFactory(resourceFactory);
		// Like the Tomcat connector: h2c whatever server.http2.enabled says, which only concerns server.port.
		Http2 http2 = new Http2();
		http2.setEnabled(true);
		factory.setHttp2(http2);
		// The server.* and server.netty.* settings that are not about the port or TLS (forward headers, limits).
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return new CleartextNettyServer(factory, httpHandler);
	}

	/**
	 * The second Netty server. The {@link HttpHandler} is looked up on start, as Boot does for the main server, so
	 * that it sees every filter and handler of the finished context.
	 */
	static final class CleartextNettyServer implements SmartLifecycle, CleartextPort {

		private final NettyReactiveWebServerFactory factory;

		private final ObjectProvider<HttpHandler> httpHandler;

		private volatile @Nullable WebServer webServer;

		CleartextNettyServer(NettyReactiveWebServerFactory factory, ObjectProvider<HttpHandler> httpHandler) {
			this.factory = factory;
			this.httpHandler = httpHandler;
		}

		@Override
		public void start() {
			WebServer server = this.factory.getWebServer(this.httpHandler.getObject());
			server.start();
			this.webServer = server;
		}

		@Override
		public void stop() {
			WebServer server = this.webServer;
			if (server != null) {
				this.webServer = null;
				server.stop();
			}
		}

		@Override
		public boolean isRunning() {
			return this.webServer != null;
		}

		// The main server's phase: started after everything it serves, stopped before it.
		@Override
		public int getPhase() {
			return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;
		}

		@Override
		public int getPort() {
			WebServer server = this.webServer;
			return (server != null) ? server.getPort() : -1;
		}

	}

}
