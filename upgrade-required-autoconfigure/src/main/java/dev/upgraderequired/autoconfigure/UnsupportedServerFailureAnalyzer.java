package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.server.UnsupportedServerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link UnsupportedServerException} into a startup report that names the server, what cannot be enforced
 * on it, and what to do.
 *
 * @author upgrade-required
 */
class UnsupportedServerFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedServerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedServerException cause) {
		String description = ("upgrade-required cannot enforce protocol requirements on %s: it does not know where "
				+ "this server exposes the HTTP version of a request and the TLS protocol of its connection, so a "
				+ "minimum TLS version, HTTP/2 and the headers of a refusal could not be decided.")
			.formatted(cause.getServer());
		String action = ("Run the application on Tomcat or Jetty (Spring MVC or WebFlux) or on Reactor Netty "
				+ "(WebFlux), declare a %s bean that reads these facts on %s, or set %s.enabled=false.")
			.formatted(cause.getFactsType(), cause.getServer(), UpgradeRequiredProperties.PREFIX);
		return new FailureAnalysis(description, action, cause);
	}

}
