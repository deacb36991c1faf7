package dev.upgraderequired.server;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

/**
 * Whether, and how, an application trusts forwarding headers ({@code X-Forwarded-*}, {@code Forwarded}): with
 * {@code server.forward-headers-strategy}, or by default on a cloud platform that Boot runs behind a proxy. Where they
 * are not trusted, a request is TLS only if its connection is, whatever the request says.
 * <p>
 * Internal: public for the adapters and the auto-configuration, not an API.
 *
 * @param strategy {@code native} or {@code framework}, {@code null} when forwarding headers are not trusted
 * @param description how they come to be trusted, in words, for messages
 * @author upgrade-required
 * @since 0.2.0
 */
public record ForwardedHeadersTrust(@Nullable String strategy, String description) {

	/**
	 * The property that sets the strategy.
	 */
	public static final String PROPERTY = "server.forward-headers-strategy";

	/**
	 * Return how an application's environment trusts forwarding headers.
	 * @param environment the environment
	 * @return the trust
	 */
	public static ForwardedHeadersTrust of(Environment environment) {
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

	/**
	 * Whether forwarding headers are trusted.
	 * @return whether a strategy applies them
	 */
	public boolean trusted() {
		return this.strategy != null;
	}

	/**
	 * Whether the server applies forwarding headers itself (Tomcat's {@code RemoteIpValve}, Jetty's
	 * {@code ForwardedRequestCustomizer}, Reactor Netty's forwarded-header handler).
	 * @return whether the strategy is {@code native}
	 */
	public boolean isNative() {
		return "native".equals(this.strategy);
	}

}
