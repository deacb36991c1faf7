package dev.upgraderequired.autoconfigure.cleartext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Fails the startup of an application that set {@code upgrade-required.cleartext.port} but has no listener on it:
 * one deployed to a container (no embedded server to add it to), or one whose server this library cannot add a
 * listener to. Applications that run no server (a mock web environment) are left alone.
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
		if (context != this.applicationContext || !(context instanceof WebServerApplicationContext serverContext)
				|| context.getEnvironment().getProperty(CleartextPort.LOCAL_PORT_PROPERTY) != null) {
			return;
		}
		WebServer server = serverContext.getWebServer();
		String where = (server != null) ? "on " + server.getClass().getSimpleName()
				+ ": run on Tomcat, Jetty or Reactor Netty, or remove the property and add a listener to the server"
				: "without an embedded server (the application is deployed to a container): remove the property "
						+ "and add a cleartext connector to the container";
		throw new IllegalStateException(CleartextPort.PROPERTY + "=" + this.port + " is set, but upgrade-required "
				+ "cannot open a cleartext listener " + where + ".");
	}

}
