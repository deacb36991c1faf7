package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.reactive.ReactiveRequestFacts;
import dev.upgraderequired.reactive.ReactorNettyRequestFacts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Fails the startup of a WebFlux application that runs on another server than Reactor Netty while the default
 * {@link ReactorNettyRequestFacts} are in use: they would take every request for HTTP/1.1 with an unknown TLS
 * version, sending HTTP/1 headers on HTTP/2 and never enforcing a minimum TLS version.
 *
 * @author upgrade-required
 */
final class ReactorNettyServerCheck implements ApplicationListener<WebServerInitializedEvent> {

	private static final String REACTOR_NETTY_PACKAGE = "org.springframework.boot.reactor.netty.";

	private final ObjectProvider<ReactiveRequestFacts> facts;

	ReactorNettyServerCheck(ObjectProvider<ReactiveRequestFacts> facts) {
		this.facts = facts;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		WebServer server = event.getWebServer();
		if (this.facts.getIfUnique() == ReactorNettyRequestFacts.INSTANCE
				&& !server.getClass().getName().startsWith(REACTOR_NETTY_PACKAGE)) {
			throw new IllegalStateException("upgrade-required reads the HTTP and TLS versions of WebFlux requests from "
					+ "Reactor Netty, but this application runs on " + server.getClass().getSimpleName()
					+ ". Run WebFlux on Reactor Netty, declare a ReactiveRequestFacts bean for this server, or set "
					+ "upgrade-required.enabled=false.");
		}
	}

}
