package dev.upgraderequired.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;

/**
 * The starter's policy, as configured: what every endpoint requires ({@link #index()}, built at startup from the
 * path rules and the handlers each web stack's adapter lists) and what decides each request from it
 * ({@link #decider()}). Both stacks share it; an adapter only translates the request and the decision.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class UpgradePolicy {

	/**
	 * The pattern a refusal is counted under when neither a handler's nor a rule's pattern is known, as Spring's
	 * {@code http.server.requests} names such requests.
	 */
	public static final String UNKNOWN_PATTERN = "UNKNOWN";

	/**
	 * The longest request body, in bytes, that a refusal leaves the connection open after (on HTTP/1.x): the server
	 * skips it and reads the next request. After a longer one, or one of unknown length, the response says
	 * {@code Connection: close} and the connection is closed.
	 */
	public static final int MAX_KEPT_BODY = 8192;

	private final RequirementIndex index;

	private final RequestDecider decider;

	private final int filterOrder;

	private UpgradePolicy(RequirementIndex index, RequestDecider decider, int filterOrder) {
		this.index = index;
		this.decider = decider;
		this.filterOrder = filterOrder;
	}

	/**
	 * Start building a policy.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return what every endpoint requires: the startup index of handlers and rules, and what is reported of them.
	 * @return the index
	 * @since 0.2.0
	 */
	public RequirementIndex index() {
		return this.index;
	}

	/**
	 * Return what decides each request from the {@link #index()}.
	 * @return the decider
	 * @since 0.2.0
	 */
	public RequestDecider decider() {
		return this.decider;
	}

	/**
	 * Return the order of each stack's early filter.
	 * @return the order
	 * @since 0.2.0
	 */
	public int filterOrder() {
		return this.filterOrder;
	}

	/**
	 * Builds an {@link UpgradePolicy}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final List<DeclaredRule> rules = new ArrayList<>();

		private final List<HandlerRequirementResolver> resolvers = new ArrayList<>(
				List.of(new RequiresProtocolResolver()));

		private @Nullable String problemTypeBase;

		private IntSupplier httpsPort = () -> -1;

		private final List<RefusalObserver> observers = new ArrayList<>();

		private boolean browserRedirect;

		private @Nullable String strictTransportSecurity;

		private @Nullable String httpsHost;

		private int filterOrder;

		private Rollout rollout = Rollout.ENFORCED;

		private Clock clock = Clock.systemUTC();

		private @Nullable String deprecationLink;

		private Builder() {
		}

		/**
		 * Set when every requirement is enforced, unless its rule or its annotation says otherwise (the
		 * auto-configuration sets {@code upgrade-required.report-only} or {@code upgrade-required.enforce-from}).
		 * A requirement of an {@link dev.upgraderequired.UpgradeRequiredException} the application throws is always
		 * enforced.
		 * @param rollout the rollout
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder rollout(Rollout rollout) {
			this.rollout = rollout;
			return this;
		}

		/**
		 * Set the clock that tells whether a requirement enforced from an instant on is enforced, read once per
		 * request that such a requirement refuses.
		 * @param clock the clock
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Set the page about the requirements to come, linked ({@code rel="deprecation"}) from the response to a
		 * request served before a requirement it does not meet is enforced.
		 * @param deprecationLink the URL, {@code null} for none
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder deprecationLink(@Nullable String deprecationLink) {
			this.deprecationLink = deprecationLink;
			return this;
		}

		/**
		 * Set the order of each stack's early filter (the auto-configuration sets
		 * {@code upgrade-required.filter-order}).
		 * @param filterOrder the order
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder filterOrder(int filterOrder) {
			this.filterOrder = filterOrder;
			return this;
		}

		/**
		 * Require a protocol on every path that matches a pattern.
		 * @param pattern the pattern, in Spring's {@code PathPattern} syntax, starting with {@code /}
		 * @param patternSource where the pattern is declared, for the failure message
		 * @param protocol the required protocol
		 * @param minTlsVersion the minimum TLS version, {@link TlsVersion#ANY} for none
		 * @param minTlsVersionSource where the minimum TLS version is declared, for the failure message
		 * @return this builder
		 * @throws InvalidRequirementException if the pattern is invalid, or a minimum TLS version is given for
		 * another protocol than TLS
		 */
		public Builder rule(String pattern, String patternSource, Protocol protocol, TlsVersion minTlsVersion,
				String minTlsVersionSource) {
			return rule(pattern, patternSource, protocol, minTlsVersion, minTlsVersionSource, null);
		}

		/**
		 * Require a protocol on every path that matches a pattern, enforced as the rollout says.
		 * @param pattern the pattern, in Spring's {@code PathPattern} syntax, starting with {@code /}
		 * @param patternSource where the pattern is declared, for the failure message
		 * @param protocol the required protocol
		 * @param minTlsVersion the minimum TLS version, {@link TlsVersion#ANY} for none
		 * @param minTlsVersionSource where the minimum TLS version is declared, for the failure message
		 * @param rollout when the requirement is enforced, {@code null} for the {@link #rollout(Rollout) default}
		 * @return this builder
		 * @throws InvalidRequirementException if the pattern is invalid, or a minimum TLS version is given for
		 * another protocol than TLS
		 * @since 0.2.0
		 */
		public Builder rule(String pattern, String patternSource, Protocol protocol, TlsVersion minTlsVersion,
				String minTlsVersionSource, @Nullable Rollout rollout) {
			ProtocolRequirement requirement = ProtocolRequirements.of(protocol, minTlsVersion, minTlsVersionSource,
					true);
			try {
				this.rules.add(new DeclaredRule(PathRule.parse(pattern.trim()), requirement, rollout));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequirementException(patternSource, pattern,
						"a path pattern starting with '/' in Spring's PathPattern syntax, such as /admin/** ("
								+ ex.getMessage() + ")");
			}
			return this;
		}

		/**
		 * Add a strategy that tells what a handler requires, besides {@code @RequiresProtocol}.
		 * @param resolver the resolver
		 * @return this builder
		 */
		public Builder resolver(HandlerRequirementResolver resolver) {
			this.resolvers.add(resolver);
			return this;
		}

		/**
		 * Set the base URI of the problem {@code type}, to which the reason of a refusal is appended.
		 * @param problemTypeBase the base URI, {@code null} for {@code about:blank}
		 * @return this builder
		 */
		public Builder problemTypeBase(@Nullable String problemTypeBase) {
			this.problemTypeBase = problemTypeBase;
			return this;
		}

		/**
		 * Set where the port of the HTTPS connector comes from, for the {@code httpsUrl} of a request refused for
		 * lack of TLS.
		 * @param httpsPort supplies the port, or a value below 1 while it is unknown
		 * @return this builder
		 */
		public Builder httpsPort(IntSupplier httpsPort) {
			this.httpsPort = httpsPort;
			return this;
		}

		/**
		 * Set the host of the {@code https} URL, for the {@code httpsUrl} of a refusal and the {@code Location} of a
		 * browser's redirect, rather than the host the request addressed.
		 * @param httpsHost a host name or IP address, without port; {@code null} for the request's host
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder httpsHost(@Nullable String httpsHost) {
			this.httpsHost = httpsHost;
			return this;
		}

		/**
		 * Add an observer of refusals.
		 * @param observer the observer
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder observer(RefusalObserver observer) {
			this.observers.add(observer);
			return this;
		}

		/**
		 * Redirect a browser's navigation that lacks nothing but TLS to the {@code https} URL (308), rather than
		 * refuse it with 426; every other request keeps its 426.
		 * @param browserRedirect whether to redirect navigations
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder browserRedirect(boolean browserRedirect) {
			this.browserRedirect = browserRedirect;
			return this;
		}

		/**
		 * Send {@code Strict-Transport-Security} on responses over TLS of endpoints that require TLS.
		 * @param maxAge the {@code max-age} in seconds, zero or more
		 * @param includeSubDomains whether to add {@code includeSubDomains}
		 * @return this builder
		 * @throws IllegalArgumentException if {@code maxAge} is negative
		 * @since 0.2.0
		 */
		public Builder strictTransportSecurity(long maxAge, boolean includeSubDomains) {
			if (maxAge < 0) {
				throw new IllegalArgumentException("max-age must be zero or more, not " + maxAge);
			}
			this.strictTransportSecurity = "max-age=" + maxAge + (includeSubDomains ? "; includeSubDomains" : "");
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public UpgradePolicy build() {
			List<PathRule> rules = this.rules.stream()
				.map((rule) -> new PathRule(rule.pattern(), rule.requirement(),
						(rule.rollout() != null) ? rule.rollout() : this.rollout))
				.toList();
			RequirementIndex index = new RequirementIndex(
					new EndpointRequirements(rules, this.resolvers, this.rollout));
			return new UpgradePolicy(index,
					new RequestDecider(index, new UpgradeResponder(this.problemTypeBase, this.httpsPort),
							this.observers, this.browserRedirect, this.strictTransportSecurity, this.httpsHost,
							this.clock, this.deprecationLink),
					this.filterOrder);
		}

		// A rule as declared: without a rollout of its own, it takes the default.
		private record DeclaredRule(PathPattern pattern, ProtocolRequirement requirement, @Nullable Rollout rollout) {
		}

	}

}
