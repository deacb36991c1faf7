package dev.upgraderequired.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for upgrade-required: a plain bean, whose setters check each value as it is bound.
 * {@link UpgradePolicyFactory} checks the rules and builds the policy from them.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@ConfigurationProperties(UpgradeRequiredProperties.PREFIX)
public class UpgradeRequiredProperties {

	static final String PREFIX = "upgrade-required";

	/**
	 * Whether to answer requests that arrive on a protocol their endpoint does not accept with 426 Upgrade
	 * Required.
	 */
	private boolean enabled = true;

	/**
	 * Rules that require a protocol on every path matching a pattern, in addition to @RequiresProtocol
	 * annotations. Every matching rule applies.
	 */
	private List<Rule> rules = new ArrayList<>();

	/**
	 * Port of the HTTPS connector, used to give clients refused for lack of TLS the equivalent https URL (problem
	 * member 'httpsUrl'). When not set, the port of the application's web server is used if it has TLS enabled
	 * (server.ssl.*); otherwise no URL is given.
	 */
	private @Nullable Integer httpsPort;

	/**
	 * Host of the https URL given to clients refused for lack of TLS (problem member 'httpsUrl', and the Location of
	 * a browser redirect): a host name or IP address, without scheme or port. When not set, the host the request
	 * addressed is used (its Host header as the server read it, or the proxy's X-Forwarded-Host where forwarding
	 * headers are trusted).
	 */
	private @Nullable String httpsHost;

	/**
	 * Order of the filter that refuses requests before the rest of the filter chain and the handler run (a
	 * servlet filter on Spring MVC, a WebFilter on WebFlux). The default runs it before Spring Security's filter
	 * chain (order -100), so that no credential challenge comes before a refusal, and after the filters that wrap
	 * the request (on Spring MVC, the request-context filter at -105).
	 */
	private int filterOrder = -101;

	/**
	 * Whether every requirement is only reported, never enforced: a request that does not meet it is served,
	 * counted in upgrade.required.refusals with enforced=false, logged and shown in the upgraderequired actuator
	 * endpoint. A rule's own report-only or enforce-from, and a @RequiresProtocol's reportOnly or enforceFrom, win.
	 * Not together with enforce-from.
	 */
	private boolean reportOnly;

	/**
	 * Instant from which every requirement is enforced, in ISO-8601 form such as 2027-03-01T00:00:00Z. Before it, a
	 * request that does not meet a requirement is served, counted with enforced=false, and its response announces
	 * the date (Sunset, Deprecation, and on HTTP/1.x Upgrade and Connection: Upgrade); from it on, such a request is
	 * refused, without a restart. A rule's own report-only or enforce-from, and a @RequiresProtocol's reportOnly or
	 * enforceFrom, win.
	 */
	private @Nullable Instant enforceFrom;

	/**
	 * Absolute http(s) URL of a page about the requirements to come, sent as a Link with rel="deprecation" on the
	 * responses that announce an enforce-from date.
	 */
	private @Nullable String deprecationLink;

	private final Problem problem = new Problem();

	private final WebSocket websocket = new WebSocket();

	private final Cleartext cleartext = new Cleartext();

	private final BrowserRedirect browserRedirect = new BrowserRedirect();

	private final Hsts hsts = new Hsts();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	public @Nullable Integer getHttpsPort() {
		return this.httpsPort;
	}

	public void setHttpsPort(@Nullable Integer httpsPort) {
		check(httpsPort == null || (httpsPort >= 1 && httpsPort <= 65535), "https-port", httpsPort,
				"a port between 1 and 65535");
		this.httpsPort = httpsPort;
	}

	public @Nullable String getHttpsHost() {
		return this.httpsHost;
	}

	public void setHttpsHost(@Nullable String httpsHost) {
		check(httpsHost == null || httpsHost.isBlank() || HttpsHost.of(httpsHost) != null, "https-host", httpsHost,
				"a host name or IP address without scheme, port or path, such as api.example.com, 192.0.2.1 or "
						+ "[2001:db8::1]");
		this.httpsHost = httpsHost;
	}

	public int getFilterOrder() {
		return this.filterOrder;
	}

	public void setFilterOrder(int filterOrder) {
		this.filterOrder = filterOrder;
	}

	public boolean isReportOnly() {
		return this.reportOnly;
	}

	public void setReportOnly(boolean reportOnly) {
		this.reportOnly = reportOnly;
	}

	public @Nullable Instant getEnforceFrom() {
		return this.enforceFrom;
	}

	public void setEnforceFrom(@Nullable Instant enforceFrom) {
		this.enforceFrom = enforceFrom;
	}

	public @Nullable String getDeprecationLink() {
		return this.deprecationLink;
	}

	public void setDeprecationLink(@Nullable String deprecationLink) {
		check(deprecationLink == null || isWebUrl(deprecationLink), "deprecation-link", deprecationLink,
				"an absolute http or https URL, such as https://example.com/docs/tls-1.3");
		this.deprecationLink = deprecationLink;
	}

	// What a Link header carries as it is: an absolute http(s) URL of printable ASCII, without '<', '>' or spaces.
	private static boolean isWebUrl(String url) {
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c <= ' ' || c > '~' || c == '<' || c == '>' || c == '"') {
				return false;
			}
		}
		try {
			URI uri = new URI(url);
			return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	public Problem getProblem() {
		return this.problem;
	}

	public WebSocket getWebsocket() {
		return this.websocket;
	}

	public Cleartext getCleartext() {
		return this.cleartext;
	}

	public BrowserRedirect getBrowserRedirect() {
		return this.browserRedirect;
	}

	public Hsts getHsts() {
		return this.hsts;
	}

	// As Boot's properties assert their values in their setters: an invalid value fails the binding, naming the
	// property, the value and what is allowed.
	private static void check(boolean valid, String property, @Nullable Object value, String allowed) {
		if (!valid) {
			throw new InvalidRequirementException(PREFIX + "." + property, String.valueOf(value), allowed);
		}
	}

	/**
	 * A protocol requirement for the paths matching some patterns.
	 *
	 * @since 0.1.0
	 */
	public static class Rule {

		/**
		 * Path patterns (Spring PathPattern syntax, such as /admin/**), matched case-insensitively against the
		 * path within the application (after the context path, servlet path included).
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * Protocol required on matching paths: tls, http-2 or websocket.
		 */
		private @Nullable Protocol protocol;

		/**
		 * Minimum TLS version when the protocol is tls: 1.2 or 1.3, or any.
		 */
		private TlsVersion minTlsVersion = TlsVersion.ANY;

		/**
		 * Whether this rule is only reported, never enforced. When not set, upgrade-required.report-only and
		 * upgrade-required.enforce-from apply, unless this rule's enforce-from is set. Not true together with
		 * enforce-from.
		 */
		private @Nullable Boolean reportOnly;

		/**
		 * Instant from which this rule is enforced, in ISO-8601 form such as 2027-03-01T00:00:00Z (see
		 * upgrade-required.enforce-from). When not set, upgrade-required.report-only and
		 * upgrade-required.enforce-from apply, unless this rule's report-only is set.
		 */
		private @Nullable Instant enforceFrom;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public @Nullable Protocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(@Nullable Protocol protocol) {
			this.protocol = protocol;
		}

		public TlsVersion getMinTlsVersion() {
			return this.minTlsVersion;
		}

		public void setMinTlsVersion(TlsVersion minTlsVersion) {
			this.minTlsVersion = minTlsVersion;
		}

		public @Nullable Boolean getReportOnly() {
			return this.reportOnly;
		}

		public void setReportOnly(@Nullable Boolean reportOnly) {
			this.reportOnly = reportOnly;
		}

		public @Nullable Instant getEnforceFrom() {
			return this.enforceFrom;
		}

		public void setEnforceFrom(@Nullable Instant enforceFrom) {
			this.enforceFrom = enforceFrom;
		}

	}

	/**
	 * Problem body settings.
	 *
	 * @since 0.1.0
	 */
	public static class Problem {

		/**
		 * Absolute base URI of the problem 'type' member; the reason of the refusal is appended as a last path
		 * segment (tls-required, tls-version-too-old, http2-required, websocket-required,
		 * websocket-version-unsupported). When not set, the type is about:blank.
		 */
		private @Nullable String typeBase;

		public @Nullable String getTypeBase() {
			return this.typeBase;
		}

		public void setTypeBase(@Nullable String typeBase) {
			check(typeBase == null || isAbsoluteUri(typeBase), "problem.type-base", typeBase,
					"an absolute URI, such as https://example.com/problems/");
			this.typeBase = typeBase;
		}

		private static boolean isAbsoluteUri(String value) {
			try {
				return new URI(value).isAbsolute();
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

	}

	/**
	 * WebSocket endpoint settings.
	 *
	 * @since 0.1.0
	 */
	public static class WebSocket {

		/**
		 * Whether WebSocket endpoints answer requests that are not a WebSocket handshake, and handshakes with an
		 * unsupported Sec-WebSocket-Version, with 426.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Cleartext listener settings.
	 *
	 * @since 0.1.0
	 */
	public static class Cleartext {

		/**
		 * Port of a plain HTTP/1.1 listener beside the application's TLS one (with h2c when server.http2.enabled is
		 * set), serving the same handlers, filters and security, so that clients arriving over cleartext are answered
		 * with 426 rather than not at all; 0 for any free port. For applications that terminate TLS themselves
		 * (server.ssl.*), not behind a TLS-terminating proxy. When not set or empty, no cleartext listener is opened.
		 */
		private @Nullable Integer port;

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			check(port == null || (port >= 0 && port <= 65535), "cleartext.port", port,
					"a port between 1 and 65535, or 0 for any free port");
			this.port = port;
		}

	}

	/**
	 * Browser redirect settings.
	 *
	 * @since 0.2.0
	 */
	public static class BrowserRedirect {

		/**
		 * Whether a browser's navigation (GET or HEAD with Sec-Fetch-Mode: navigate, or with
		 * Upgrade-Insecure-Requests: 1 and an Accept that prefers text/html) to an endpoint whose only unmet
		 * requirement is TLS gets a 308 redirect to the https URL rather than 426, when that URL is known (see
		 * https-port). Every other request, fetch() and POST included, keeps its 426.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Strict-Transport-Security settings.
	 *
	 * @since 0.2.0
	 */
	public static class Hsts {

		/**
		 * Whether responses over TLS of endpoints that require TLS carry Strict-Transport-Security. Ignored, with a
		 * warning, when Spring Security's filter chain is present, which writes that header itself.
		 */
		private boolean enabled;

		/**
		 * The max-age of Strict-Transport-Security, a whole number of seconds, zero or more; a number without unit is
		 * in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxAge = Duration.ofDays(365);

		/**
		 * Whether Strict-Transport-Security covers the subdomains of the host too (includeSubDomains).
		 */
		private boolean includeSubDomains;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			// Whole seconds only: what a browser is sent, and 500ms would silently become max-age=0, which makes it
			// forget.
			check(maxAge != null && !maxAge.isNegative() && maxAge.toNanosPart() == 0, "hsts.max-age", maxAge,
					"a whole number of seconds, zero or more, such as 365d or 31536000 (seconds)");
			this.maxAge = maxAge;
		}

		public boolean isIncludeSubDomains() {
			return this.includeSubDomains;
		}

		public void setIncludeSubDomains(boolean includeSubDomains) {
			this.includeSubDomains = includeSubDomains;
		}

	}

}
