package dev.upgraderequired.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ForwardedHeadersTrust;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.env.Environment;

/**
 * Warns at startup, once per protocol, about requirements that no request to this application can meet as it is
 * configured: TLS when no listener serves TLS and no forwarding headers are trusted, HTTP/2 when
 * {@code server.http2.enabled} is off, and a WebSocket handshake on an endpoint that is no WebSocket handshake handler.
 * Never fails the startup: a proxy or a TLS connector may be set up otherwise.
 *
 * @author upgrade-required
 */
final class UnsatisfiableRequirementsWarning {

	private static final Log logger = LogFactory.getLog(UnsatisfiableRequirementsWarning.class);

	private static final int NAMED = 10;

	private final Environment environment;

	private final ServerProperties serverProperties;

	UnsatisfiableRequirementsWarning(Environment environment, ServerProperties serverProperties) {
		this.environment = environment;
		this.serverProperties = serverProperties;
	}

	/**
	 * Log a warning for each protocol that some endpoint or rule requires and no request can offer.
	 * @param policy what the endpoints require, once every handler is listed
	 * @param runsServer whether the application runs its own web server (not a mock web environment), without which
	 * its listeners are unknown
	 * @return the warnings logged
	 */
	List<String> warnIfUnsatisfiable(UpgradePolicy policy, boolean runsServer) {
		List<String> warnings = new ArrayList<>();
		if (runsServer) {
			ForwardedHeadersTrust trust = ForwardedHeadersTrust.of(this.environment);
			if (!Ssl.isEnabled(this.serverProperties.getSsl()) && !trust.trusted()) {
				add(warnings, policy.index().requiring(Protocol.TLS), "TLS, but no listener of this application "
						+ "serves TLS (server.ssl.* is not set) and forwarding headers are not trusted ("
						+ trust.description() + "): every request to them is refused, with no https URL to go to. "
						+ "Serve TLS (server.ssl.bundle, or server.ssl.key-store, with upgrade-required.cleartext.port "
						+ "for plain HTTP beside it), or, behind a TLS-terminating proxy, set "
						+ ForwardedHeadersTrust.PROPERTY + "=native or framework");
			}
			if (this.serverProperties.getHttp2() == null || !this.serverProperties.getHttp2().isEnabled()) {
				add(warnings, policy.index().requiring(Protocol.HTTP_2), "HTTP/2, but server.http2.enabled is not "
						+ "set: no request arrives over HTTP/2, so every request to them is refused. Set "
						+ "server.http2.enabled=true (h2 over TLS, and h2c on upgrade-required.cleartext.port)");
			}
		}
		add(warnings, policy.index().requiring(Protocol.WEBSOCKET), "a WebSocket handshake, but no WebSocket handshake handler "
				+ "is mapped there: a plain request is refused, and a handshake finds nothing to upgrade it. Map a "
				+ "WebSocket handler there, or remove the requirement");
		return warnings;
	}

	private static void add(List<String> warnings, List<String> requiring, String problem) {
		if (requiring.isEmpty()) {
			return;
		}
		String named = String.join(", ", requiring.subList(0, Math.min(NAMED, requiring.size())))
				+ ((requiring.size() > NAMED) ? " and " + (requiring.size() - NAMED) + " more" : "");
		String warning = "upgrade-required: " + requiring.size()
				+ ((requiring.size() == 1) ? " endpoint or rule requires " : " endpoints and rules require ") + problem
				+ ". Requiring it: " + named + ".";
		logger.warn(warning);
		warnings.add(warning);
	}

}
