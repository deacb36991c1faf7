package dev.upgraderequired.autoconfigure.cleartext;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * A cleartext connector that a server factory adds to the application's own server (Tomcat, Jetty), and that tells
 * its bound port once the server has started.
 *
 * @param <F> the type of server factory
 * @author upgrade-required
 */
abstract class CleartextConnector<F extends WebServerFactory>
		implements WebServerFactoryCustomizer<F>, Ordered, ApplicationListener<WebServerInitializedEvent> {

	private final int port;

	CleartextConnector(int port) {
		this.port = port;
	}

	int port() {
		return this.port;
	}

	/**
	 * Return the port the connector is bound to.
	 * @return the bound port, or a value below 1 while it is not bound (or was never added)
	 */
	abstract int localPort();

	/**
	 * Whether a server is one this connector is added to.
	 * @param server the started server
	 * @return whether it is of the connector's kind
	 */
	abstract boolean belongsTo(WebServer server);

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		int localPort = localPort();
		if (localPort > 0 && belongsTo(event.getWebServer())
				&& event.getApplicationContext().getServerNamespace() == null) {
			CleartextPort.publish(event.getApplicationContext(), localPort);
		}
	}

	// After every other customizer, so that what they configured is known.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
