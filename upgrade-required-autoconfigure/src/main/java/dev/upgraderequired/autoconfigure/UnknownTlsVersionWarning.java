package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ForwardedHeadersTrust;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

/**
 * Warns once at startup when a minimum TLS version is required while a forward-headers strategy is set: a request that
 * a proxy forwards counts as TLS, but no forwarding header carries the TLS version, so such requests are allowed
 * whatever version the client used, and the minimum has to be enforced at the proxy.
 *
 * @author upgrade-required
 */
final class UnknownTlsVersionWarning {

	private static final Log logger = LogFactory.getLog(UnknownTlsVersionWarning.class);

	private final Environment environment;

	UnknownTlsVersionWarning(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Log the warning if some endpoint requires a minimum TLS version and forwarded headers are trusted.
	 * @param policy what the endpoints require, once every handler is resolved
	 * @return whether the warning was logged
	 */
	boolean warnIfUnenforceable(UpgradePolicy policy) {
		ForwardedHeadersTrust trust = ForwardedHeadersTrust.of(this.environment);
		if (!trust.trusted() || !policy.index().requiresMinTlsVersion()) {
			return false;
		}
		logger.warn("A minimum TLS version is required (by @RequiresProtocol or upgrade-required.rules), but "
				+ "forwarding headers are trusted (" + trust.description() + "): requests that a proxy forwards "
				+ "count as TLS of an unknown version and are "
				+ "allowed, since no forwarding header carries the TLS version. Enforce the minimum TLS version at "
				+ "the proxy.");
		return true;
	}

}
