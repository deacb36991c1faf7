package dev.upgraderequired.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Fails the startup of an application whose server opened no listener on {@code upgrade-required.cleartext.port}:
 * a server this library cannot add one to. Applications that run no server (a mock web environment) are left alone.
 *
 * @author upgrade-required
 */
final class CleartextListenerCheck implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware {

	private final @Nullable Integer port;

	private @Nullable ApplicationContext applicationContext;

	CleartextListenerCheck(@Nullable Integer port) {
		this.port = port;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		ApplicationContext context = event.getApplicationContext();
		if (context != this.applicationContext || !(context instanceof WebServerApplicationContext serverContext)) {
			return;
		}
		WebServer server = serverContext.getWebServer();
		if (server != null && context.getEnvironment().getProperty(CleartextListener.LOCAL_PORT_PROPERTY) == null) {
			throw new IllegalStateException(UpgradeRequiredProperties.PREFIX + ".cleartext.port=" + this.port
					+ " is set, but upgrade-required cannot open a cleartext listener on "
					+ server.getClass().getSimpleName() + ": run on Tomcat, Jetty or Reactor Netty, or remove the "
					+ "property and add a cleartext listener to the server yourself.");
		}
	}

}
