package dev.upgraderequired.autoconfigure;

import java.util.function.IntSupplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The port of the application's own web server once it has started, if that server has TLS enabled
 * ({@code server.ssl.*}); used when {@code upgrade-required.https-port} is not set.
 *
 * @author upgrade-required
 */
final class LocalHttpsPort implements IntSupplier, ApplicationListener<WebServerInitializedEvent> {

	private final ObjectProvider<ServerProperties> serverProperties;

	private volatile int port = -1;

	LocalHttpsPort(ObjectProvider<ServerProperties> serverProperties) {
		this.serverProperties = serverProperties;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		ServerProperties properties = this.serverProperties.getIfAvailable();
		if (properties != null && Ssl.isEnabled(properties.getSsl())) {
			this.port = event.getWebServer().getPort();
		}
	}

	@Override
	public int getAsInt() {
		return this.port;
	}

}
