package dev.upgraderequired.autoconfigure.cleartext;

import java.net.InetSocketAddress;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Serves {@code upgrade-required.cleartext.port} beside a WebFlux application's own Reactor Netty server. Reactor
 * Netty binds one address per server, so this is a second server for the application's {@link HttpHandler} (the same
 * filters, security and handlers), built the way Boot builds the first one: the same resource factory, route
 * providers and Netty customizers, and every {@code WebServerFactoryCustomizer} (the {@code server.*} and
 * {@code server.netty.*} settings, forwarded headers included), then without TLS on its own port. HTTP/1.1, and h2c
 * (the {@code Upgrade: h2c} mechanism and prior knowledge) when {@code server.http2.enabled} is set.
 * <p>
 * Started after the application's server, shut down together with it (gracefully when {@code server.shutdown} says
 * so) and stopped before it. Does nothing when the application runs on another server. Refuses to start while
 * forwarding headers are trusted: Reactor Netty trusts them from every client.
 *
 * @author upgrade-required
 */
final class NettyCleartextServer implements SmartLifecycle, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(NettyCleartextServer.class);

	private final int port;

	private final ObjectProvider<ReactorResourceFactory> resourceFactory;

	private final ObjectProvider<NettyRouteProvider> routes;

	private final ObjectProvider<NettyServerCustomizer> serverCustomizers;

	private final ObjectProvider<WebServerFactoryCustomizer<?>> factoryCustomizers;

	private final ObjectProvider<HttpHandler> httpHandler;

	private @Nullable ApplicationContext applicationContext;

	private volatile @Nullable WebServer webServer;

	NettyCleartextServer(int port, ObjectProvider<ReactorResourceFactory> resourceFactory,
			ObjectProvider<NettyRouteProvider> routes,
			ObjectProvider<NettyServerCustomizer> serverCustomizers,
			ObjectProvider<WebServerFactoryCustomizer<?>> factoryCustomizers, ObjectProvider<HttpHandler> httpHandler) {
		this.port = port;
		this.resourceFactory = resourceFactory;
		this.routes = routes;
		this.serverCustomizers = serverCustomizers;
		this.factoryCustomizers = factoryCustomizers;
		this.httpHandler = httpHandler;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void start() {
		ApplicationContext context = this.applicationContext;
		if (!(context instanceof WebServerApplicationContext serverContext)
				|| !(serverContext.getWebServer() instanceof NettyWebServer)) {
			return;
		}
		CleartextPort.rejectTrustedForwardingHeaders(context.getEnvironment(), this.port, "Reactor Netty", false);
		WebServer server = createFactory().getWebServer(this.httpHandler.getObject());
		server.start();
		this.webServer = server;
		CleartextPort.publish(context, server.getPort());
		logger.info("Cleartext listener of upgrade-required started on port " + server.getPort());
	}

	@SuppressWarnings("unchecked")
	private NettyReactiveWebServerFactory createFactory() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
		factory.setResourceFactory(this.resourceFactory.getIfAvailable());
		this.routes.orderedStream().forEach(factory::addRouteProviders);
		factory.getServerCustomizers().addAll(this.serverCustomizers.orderedStream().toList());
		List<WebServerFactoryCustomizer<?>> customizers = this.factoryCustomizers.orderedStream().toList();
		LambdaSafe.callbacks(WebServerFactoryCustomizer.class, customizers, factory)
			.invoke((customizer) -> customizer.customize(factory));
		factory.setPort(this.port);
		factory.setSsl(null);
		// Last, after the Netty customizers, which may set up an address or TLS for the application's own server.
		InetSocketAddress address = (factory.getAddress() != null)
				? new InetSocketAddress(factory.getAddress().getHostAddress(), this.port)
				: new InetSocketAddress(this.port);
		factory.addServerCustomizers((server) -> server.bindAddress(() -> address).noSSL());
		return factory;
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
	public void stop(Runnable callback) {
		WebServer server = this.webServer;
		if (server == null) {
			callback.run();
			return;
		}
		// Immediate unless server.shutdown=graceful.
		server.shutDownGracefully((result) -> {
			stop();
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return this.webServer != null;
	}

	// Started after the application's server; shut down (gracefully if so configured) together with it, and
	// stopped before it.
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
	}

}
