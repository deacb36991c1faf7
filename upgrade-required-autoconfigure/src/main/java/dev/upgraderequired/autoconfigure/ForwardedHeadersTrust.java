package dev.upgraderequired.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

/**
 * Whether, and how, the application trusts forwarding headers ({@code X-Forwarded-*}, {@code Forwarded}): with
 * {@code server.forward-headers-strategy}, or by default on a cloud platform that Boot runs behind a proxy.
 *
 * @param strategy {@code native} or {@code framework}, {@code null} when forwarding headers are not trusted
 * @param description how they come to be trusted, in words, for messages
 * @author upgrade-required
 */
record ForwardedHeadersTrust(@Nullable String strategy, String description) {

	static final String PROPERTY = "server.forward-headers-strategy";

	/**
	 * Return how an application's environment trusts forwarding headers.
	 * @param environment the environment
	 * @return the trust
	 */
	static ForwardedHeadersTrust of(Environment environment) {
		String strategy = environment.getProperty(PROPERTY);
		if (strategy != null) {
			String normalized = strategy.trim().toLowerCase(Locale.ROOT);
			boolean trusted = normalized.equals("native") || normalized.equals("framework");
			return new ForwardedHeadersTrust(trusted ? normalized : null, PROPERTY + "=" + normalized);
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		if (platform != null && platform.isUsingForwardHeaders()) {
			return new ForwardedHeadersTrust("native", "the " + platform + " platform (" + PROPERTY + " not set)");
		}
		return new ForwardedHeadersTrust(null, PROPERTY + " not set");
	}

	boolean trusted() {
		return this.strategy != null;
	}

	boolean isNative() {
		return "native".equals(this.strategy);
	}

}
