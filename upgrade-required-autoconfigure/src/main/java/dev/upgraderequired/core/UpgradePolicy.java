package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * What the web stack adapters ask the core: what an endpoint requires (its handler's annotations and resolvers,
 * and the path rules), whether a request is refused, and the response to a refusal. Everything here is decided
 * once for both stacks; an adapter only reads the request's facts and copies the {@link ResponsePlan} onto its
 * response.
 * <p>
 * An endpoint without a requirement costs two hash lookups, and a path that no rule and no protected handler can
 * be for a few string comparisons ({@link #mayRefuse}); neither allocates.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class UpgradePolicy {

	private static final Log logger = LogFactory.getLog(UpgradePolicy.class);

	/**
	 * Default order of each stack's early filter: just before Spring Security's filter chain (-100 on both stacks),
	 * so that no credential challenge comes before a refusal, and after the servlet filters that wrap the request
	 * (the request-context filter at -105; forwarded headers and character encoding run first).
	 */
	public static final int DEFAULT_FILTER_ORDER = -101;

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

	private final EndpointRequirements requirements;

	private final UpgradeResponder responder;

	private final RefusalObserver[] observers;

	private final boolean browserRedirect;

	private final @Nullable String strictTransportSecurity;

	private final @Nullable String httpsHost;

	private volatile RequirementPrefixes handlerPrefixes = RequirementPrefixes.none();

	private volatile boolean everyPathProtected;

	private volatile ListedHandlers listed = ListedHandlers.NONE;

	private volatile @Nullable HandlerIndex index;

	private UpgradePolicy(EndpointRequirements requirements, UpgradeResponder responder,
			List<RefusalObserver> observers, boolean browserRedirect, @Nullable String strictTransportSecurity,
			@Nullable String httpsHost) {
		this.requirements = requirements;
		this.responder = responder;
		this.observers = observers.toArray(new RefusalObserver[0]);
		this.browserRedirect = browserRedirect;
		this.strictTransportSecurity = strictTransportSecurity;
		this.httpsHost = httpsHost;
	}

	/**
	 * Start building a policy.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return what a handler requires: its {@code @RequiresProtocol} annotations and what the resolvers say,
	 * resolved once per handler method (or handler class) and cached.
	 * @param handler the handler
	 * @return the requirement, {@link ProtocolRequirement#none()} if there is none
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	public ProtocolRequirement requirementOf(Object handler) {
		return this.requirements.forHandler(handler);
	}

	/**
	 * Remember the handlers of the application by their path patterns, so that {@link #mayRefuse} knows the paths
	 * that a protected handler may serve, and index them for {@link #decideFromIndex} where every handler is listed
	 * with the patterns its mapping parsed. Resolves, and so validates, every handler's requirement. If the adapter
	 * could not list some handlers (see {@link HandlerInventory}), they may be protected on any path: then
	 * {@link #mayRefuse} says yes for every path, so that every request is looked up and decided, and the reason is
	 * logged.
	 * @param handlers the handlers as the adapter listed them
	 * @throws InvalidRequirementException if a handler declares an invalid requirement
	 */
	public void protectHandlers(HandlerInventory handlers) {
		Map<String, ProtocolRequirement> byPattern = new LinkedHashMap<>();
		Map<String, Integer> counts = new TreeMap<>();
		// Only where every handler is listed with the patterns its mapping parsed: a handler the index did not know
		// of could be the one a request is for.
		List<HandlerIndex.Indexed> indexed = (handlers.unlisted().isEmpty() && !handlers.unindexed())
				? new ArrayList<>() : null;
		for (HandlerInventory.Entry entry : handlers.entries()) {
			ProtocolRequirement requirement = requirementOf(entry.handler());
			if (!requirement.isNone()) {
				entry.patterns().forEach((pattern) -> byPattern.merge(pattern, requirement, ProtocolRequirement::and));
				counts.merge(requirement.toString(), 1, Integer::sum);
			}
			if (indexed != null && (entry.parsed() == null || entry.mapping() < 0)) {
				indexed = null;
			}
			else if (indexed != null) {
				for (PathPattern pattern : entry.parsed()) {
					indexed.add(new HandlerIndex.Indexed(pattern, entry.methods(), entry.handler(), entry.mapping(),
							entry.claims(), requirement));
				}
			}
		}
		this.handlerPrefixes = RequirementPrefixes.of(byPattern);
		this.listed = new ListedHandlers(handlers, this.requirements.rules());
		HandlerIndex index = (indexed != null) ? new HandlerIndex(indexed) : null;
		this.index = index;
		String summary = summary(counts);
		if (!handlers.unlisted().isEmpty()) {
			summary += "; it looks up the handler of every request, since it cannot list the handlers of "
					+ String.join(", ", handlers.unlisted());
			this.everyPathProtected = true;
		}
		else if (index != null) {
			summary += "; it decides from an index of " + index.size() + " path patterns";
		}
		else {
			summary += "; it looks up the handler of a request it may refuse, since "
					+ (handlers.unindexed() ? "router functions may serve any path"
							: "some handler mappings do not match with PathPatterns");
		}
		logger.info(summary);
	}

	/**
	 * Decide a request from the index of the handlers listed at startup, without the web stack's handler lookup,
	 * where the index can tell. The first handler mapping with a pattern that matches the request's path is the one
	 * the lookup asks first; if it is a request mapping, it claims the request (it fails a request it has no handler
	 * for, with 405, 406, 415 or 400, rather than let another mapping have it), and its handler is one of those
	 * mapped to the request's method there (any of them where none is). Only a failed {@code headers} condition lets
	 * a request mapping pass a request on to the next mapping: such a request may get the refusal of the pattern it
	 * matched where Spring would have served it from a later mapping (never the other way round). So:
	 * <ul>
	 * <li>{@link IndexedDecision#ALLOWED} if the request meets, with the path rules, the requirement of each of
	 * those handlers and of every handler of a later mapping that matches its path (or, when the first mapping is
	 * of another kind, of every handler that matches);</li>
	 * <li>a {@link IndexedDecision.Refused refusal} if those handlers of a claiming mapping are of one pattern with
	 * one requirement, which refuses the request with the path rules;</li>
	 * <li>else {@code null}: the caller looks the handler up. So it is for a request that no handler matches (the
	 * rules alone decide it then), with an {@code Origin} (whose refusal carries the CORS headers of its handler),
	 * for {@code OPTIONS}, which Spring answers from every mapping, and when some handlers could not be listed with
	 * their parsed patterns.</li>
	 * </ul>
	 * @param <R> the native request type
	 * @param path the path within the application, parsed as the handler mappings read it
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return the decision, or {@code null} if the index cannot tell
	 * @since 0.2.0
	 */
	public <R> @Nullable IndexedDecision decideFromIndex(PathContainer path, String rawPath, String contextPath,
			R request, RequestFacts<R> facts) {
		HandlerIndex index = this.index;
		String method = facts.method(request);
		if (index == null || HttpMethod.OPTIONS.name().equals(method)) {
			return null;
		}
		List<HandlerIndex.Indexed> matching = index.matching(path);
		if (matching.isEmpty()) {
			return null;
		}
		ProtocolRequirement rules = this.requirements.forPath(rawPath, contextPath);
		HandlerIndex.Indexed first = matching.get(0);
		int claimed = 0;
		boolean forMethod = false;
		if (first.claims()) {
			while (claimed < matching.size() && matching.get(claimed).mapping() == first.mapping()) {
				forMethod |= matching.get(claimed++).isFor(method);
			}
		}
		boolean met = true;
		for (int i = 0; met && i < matching.size(); i++) {
			HandlerIndex.Indexed candidate = matching.get(i);
			if (i >= claimed || !forMethod || candidate.isFor(method)) {
				met = UpgradeDecider.decide(candidate.requirement().and(rules), request, facts) == null;
			}
		}
		if (met) {
			return IndexedDecision.ALLOWED;
		}
		if (claimed == 0 || facts.header(request, HttpHeaders.ORIGIN) != null) {
			return null;
		}
		HandlerIndex.Indexed chosen = null;
		for (int i = 0; i < claimed; i++) {
			HandlerIndex.Indexed candidate = matching.get(i);
			if (forMethod && !candidate.isFor(method)) {
				continue;
			}
			if (chosen == null) {
				chosen = candidate;
			}
			else if (candidate.requirement() != chosen.requirement()
					|| !candidate.pattern().getPatternString().equals(chosen.pattern().getPatternString())) {
				return null;
			}
		}
		Refusal refusal = (chosen != null) ? UpgradeDecider.decide(chosen.requirement().and(rules), request, facts)
				: null;
		return (refusal != null)
				? new IndexedDecision.Refused(refusal, chosen.handler(), chosen.pattern().getPatternString()) : null;
	}

	private String summary(Map<String, Integer> handlerCounts) {
		List<PathRule> rules = this.requirements.rules();
		if (handlerCounts.isEmpty() && rules.isEmpty()) {
			return "upgrade-required: no endpoint has a requirement";
		}
		StringBuilder summary = new StringBuilder("upgrade-required: ");
		int endpoints = handlerCounts.values().stream().mapToInt(Integer::intValue).sum();
		summary.append(endpoints)
			.append((endpoints == 1) ? " endpoint has a requirement of its own"
					: " endpoints have a requirement of their own");
		if (endpoints > 0) {
			summary.append(" (");
			handlerCounts.forEach((requirement, count) -> summary.append(requirement).append(": ").append(count)
				.append(", "));
			summary.setLength(summary.length() - 2);
			summary.append(')');
		}
		summary.append("; ").append(rules.size()).append((rules.size() == 1) ? " path rule" : " path rules");
		for (int i = 0; i < rules.size(); i++) {
			PathRule rule = rules.get(i);
			summary.append((i == 0) ? " (" : ", ").append(rule.pattern().getPatternString()).append(": ")
				.append(rule.requirement());
		}
		if (!rules.isEmpty()) {
			summary.append(')');
		}
		return summary.toString();
	}

	/**
	 * Whether a request may be refused: {@code false} only if it meets the requirement of every path rule and
	 * protected handler that its path may be for. Allocates nothing for a plain path.
	 * @param <R> the native request type
	 * @param rawPath the request path as received, still percent-encoded
	 * @param applicationPathStart where the path within the application starts in {@code rawPath} (after the
	 * context path), which rules match
	 * @param handlerPathStart where the path that handlers are mapped to starts (after a servlet path, for example)
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return whether a refusal is possible
	 */
	public <R> boolean mayRefuse(String rawPath, int applicationPathStart, int handlerPathStart, R request,
			RequestFacts<R> facts) {
		if (this.everyPathProtected
				|| this.requirements.pathRulePrefixes().mayRefuse(rawPath, applicationPathStart, request, facts)) {
			return true;
		}
		RequirementPrefixes handlerPrefixes = this.handlerPrefixes;
		return handlerPrefixes != RequirementPrefixes.none()
				&& handlerPrefixes.mayRefuse(rawPath, handlerPathStart, request, facts);
	}

	/**
	 * Decide whether a request to a handler is refused: by the handler's requirement and the path rules. A plain
	 * {@code OPTIONS} request (not a CORS pre-flight, which is never refused) asks about the resource, whichever
	 * handler answers it (the framework's own, which lists the allowed methods, as a rule): it is held to the
	 * requirements of the handlers mapped to its path for any method as well.
	 * @param <R> the native request type
	 * @param handler the handler the request is mapped to
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @param request the request
	 * @param facts reads what the request offers
	 * @param anyMethod what the handlers that match the request best, whatever their HTTP methods, require; asked
	 * for {@code OPTIONS} requests only
	 * @return the refusal, or {@code null} if the request may proceed
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	public <R> @Nullable Refusal decide(Object handler, String rawPath, String contextPath, R request,
			RequestFacts<R> facts, Function<? super R, ProtocolRequirement> anyMethod) {
		ProtocolRequirement own = requirementOf(handler);
		if (HttpMethod.OPTIONS.name().equals(facts.method(request))) {
			own = own.and(anyMethod.apply(request));
		}
		return UpgradeDecider.decide(this.requirements.withPathRules(own, rawPath, contextPath), request, facts);
	}

	/**
	 * Decide whether a request that no handler of the dispatcher serves (another servlet's, or one without a
	 * handler) is refused: by the path rules alone.
	 * @param <R> the native request type
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return the refusal, or {@code null} if the request may proceed
	 */
	public <R> @Nullable Refusal decidePath(String rawPath, String contextPath, R request, RequestFacts<R> facts) {
		return UpgradeDecider.decide(this.requirements.forPath(rawPath, contextPath), request, facts);
	}

	/**
	 * Decide how to answer a request that failed: a thrown {@link dev.upgraderequired.UpgradeRequiredException}
	 * (decided against the request; a 500 if the request already meets its requirement), or a 405, 406 or 415 for a
	 * protected endpoint, which is a 426 since the client has to upgrade first.
	 * @param <R> the native request type
	 * @param failure what the request failed with
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @param request the request
	 * @param facts reads what the request offers
	 * @param mediaTypeRefused what the handlers that match the request best, but for its media types, require
	 * @param methodRefused what the handlers that match the request's path best, whatever their methods, require
	 * @return the refusal, or {@code null} if the failure is not about the protocol
	 */
	public <R> @Nullable Refusal decideFailure(Throwable failure, String rawPath, String contextPath, R request,
			RequestFacts<R> facts, Supplier<ProtocolRequirement> mediaTypeRefused,
			Supplier<ProtocolRequirement> methodRefused) {
		return UpgradeDecider.decideFailure(failure, request, facts,
				() -> this.requirements.withPathRules(mediaTypeRefused.get(), rawPath, contextPath),
				() -> this.requirements.withPathRules(methodRefused.get(), rawPath, contextPath));
	}

	/**
	 * Tell the {@link RefusalObserver observers}, and the log at DEBUG level, of a refusal about to be written:
	 * its reason, where the requirement that refused it comes from and the pattern of the handler or rule, and the
	 * client's address. Free when there is no observer and DEBUG is off.
	 * @param <R> the native request type
	 * @param refusal the refusal
	 * @param status the status of the response, as {@link #plan} decided it
	 * @param handler the handler the request is mapped to, {@code null} if none is known
	 * @param handlerPattern the pattern of the handler that matched the request, {@code null} if the handler
	 * mapping did not say
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @param request the request
	 * @param facts reads what the request offers
	 */
	public <R> void refused(Refusal refusal, int status, @Nullable Object handler, @Nullable String handlerPattern,
			String rawPath, String contextPath, R request, RequestFacts<R> facts) {
		UpgradeReason reason = refusal.reason();
		boolean debug = logger.isDebugEnabled();
		if (this.observers.length == 0 && !debug) {
			return;
		}
		if (reason == null) {
			if (debug) {
				logger.debug("Answered 500: the application threw an UpgradeRequiredException requiring "
						+ refusal.requirement() + " for a request that uses it, from " + facts.remoteAddress(request));
			}
			return;
		}
		RequirementSource source = RequirementSource.EXCEPTION;
		ProtocolRequirement requirement = refusal.requirement();
		String pattern = null;
		if (!refusal.thrown()) {
			EndpointRequirements.Part part = (handler != null) ? refusingPart(handler, reason, request, facts) : null;
			PathRule rule = (part == null) ? refusingRule(reason, rawPath, contextPath, request, facts) : null;
			if (part != null) {
				source = part.source();
				requirement = part.requirement();
			}
			else if (rule != null) {
				source = RequirementSource.RULE;
				requirement = rule.requirement();
				pattern = rule.pattern().getPatternString();
			}
			else {
				// A 406 or 415 of a handler method that is not known here: its requirement is its annotations',
				// unless the application has resolvers of its own.
				source = this.requirements.onlyAnnotationsOnHandlerMethods() ? RequirementSource.ANNOTATION
						: RequirementSource.RESOLVER;
			}
		}
		if (pattern == null) {
			pattern = this.listed.patternOf(handler, handlerPattern);
		}
		for (RefusalObserver observer : this.observers) {
			try {
				observer.refused(reason, source, pattern);
			}
			catch (RuntimeException ex) {
				logger.warn("A RefusalObserver failed; the refusal is sent all the same", ex);
			}
		}
		if (debug) {
			logger.debug("Refused with " + status + " (" + reason.slug() + "): " + source.tag() + " requirement "
					+ requirement + " on " + pattern + ", from " + facts.remoteAddress(request));
		}
	}

	// The part of the handler's requirement that refuses the request for the same reason, if any. (The reason of a
	// combined requirement is always the reason of one of its parts alone.)
	private <R> EndpointRequirements.@Nullable Part refusingPart(Object handler, UpgradeReason reason, R request,
			RequestFacts<R> facts) {
		for (EndpointRequirements.Part part : this.requirements.partsOf(handler)) {
			Refusal refusal = UpgradeDecider.decide(part.requirement(), request, facts);
			if (refusal != null && refusal.reason() == reason) {
				return part;
			}
		}
		return null;
	}

	private <R> @Nullable PathRule refusingRule(UpgradeReason reason, String rawPath, String contextPath,
			R request, RequestFacts<R> facts) {
		for (PathRule rule : this.requirements.rulesFor(rawPath, contextPath)) {
			Refusal refusal = UpgradeDecider.decide(rule.requirement(), request, facts);
			if (refusal != null && refusal.reason() == reason) {
				return rule;
			}
		}
		return null;
	}

	/**
	 * Return what every endpoint listed at startup requires and where it comes from, and the path rules. A rule
	 * counts for an endpoint when its pattern matches one of the endpoint's patterns read as a path (below the path
	 * prefix of the inventory), or the other way round, so that a rule over part of an endpoint's paths counts too.
	 * @return the report, without endpoints before {@link #protectHandlers} was called
	 */
	public RequirementReport report() {
		return this.listed.report(this.requirements);
	}

	/**
	 * Return the endpoints listed at startup, and the path rules, whose requirement includes a protocol: what cannot
	 * be met if the application never receives it. For {@link Protocol#WEBSOCKET}, only the endpoints that are no
	 * WebSocket handshake handler, which no request can meet.
	 * @param protocol the protocol
	 * @return each endpoint (its handler and patterns) and rule (its pattern), empty before {@link #protectHandlers}
	 * was called but for the rules
	 * @since 0.2.0
	 */
	public List<String> requiring(Protocol protocol) {
		return this.listed.requiring(protocol, this.requirements);
	}

	/**
	 * Return what a handler requires, with the path rules over its patterns (as {@link #report()} counts them):
	 * what its API documentation should say.
	 * @param handler the handler, as listed at startup or equal to it
	 * @return the requirement, {@link ProtocolRequirement#none()} if there is none
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	public ProtocolRequirement documentedRequirementOf(Object handler) {
		return this.listed.documentedRequirementOf(handler, this.requirements);
	}

	/**
	 * Return the response to a refusal for one request: a 426 (or the 500 of an exception whose requirement the
	 * request meets) with its problem body; in browser-redirect mode, a {@code 308} to the {@code https} URL for a
	 * browser's navigation ({@code GET} or {@code HEAD}, see {@code BrowserNavigation}) that lacks nothing but TLS,
	 * when that URL is known and is printable ASCII. Whenever a request could have been redirected, the response
	 * (redirect or 426) names the request headers that decided it in {@link ResponsePlan#vary()}.
	 * @param <R> the native request type
	 * @param refusal the refusal
	 * @param request the request
	 * @param facts reads what the request offers
	 * @param path the raw (still encoded) request path, the problem's {@code instance}
	 * @param host the host the client addressed, without port, {@code null} if unknown; a configured
	 * {@link Builder#httpsHost https host} is used instead
	 * @param query the raw query string or {@code null}
	 * @return the response
	 */
	public <R> ResponsePlan plan(Refusal refusal, R request, RequestFacts<R> facts, String path,
			@Nullable String host, @Nullable String query) {
		boolean http1 = facts.isHttp1(request);
		String method = facts.method(request);
		boolean head = "HEAD".equals(method);
		String urlHost = (this.httpsHost != null) ? this.httpsHost : host;
		String httpsUrl = (urlHost == null || facts.isSecure(request)) ? null
				: this.responder.httpsUrl(refusal, urlHost, path, query);
		boolean close = http1 && hasUnkeptBody(request, facts);
		String vary = null;
		if (this.browserRedirect && httpsUrl != null && (head || "GET".equals(method)) && refusal.needsOnlyTls(http1)
				&& isPrintableAscii(httpsUrl)) {
			BrowserNavigation navigation = BrowserNavigation.of(request, facts);
			if (navigation.isNavigation()) {
				return ResponsePlan.redirect(httpsUrl, navigation.vary(), close);
			}
			vary = navigation.vary();
		}
		return this.responder.plan(refusal, http1, head, path, httpsUrl, vary, close);
	}

	// A body nobody reads: longer than the servers reliably skip to reach the next request on the connection, or of
	// unknown length (chunked). Servers differ there (Tomcat skips up to 2 MB, Jetty closes as soon as it would have
	// to wait for more, Reactor Netty reads on): closing is the one answer that is the same on all of them, and costs
	// nothing a refused client keeps, since it has to connect again with another protocol.
	private static <R> boolean hasUnkeptBody(R request, RequestFacts<R> facts) {
		if (facts.header(request, HttpHeaders.TRANSFER_ENCODING) != null) {
			return true;
		}
		String length = facts.header(request, HttpHeaders.CONTENT_LENGTH);
		if (length == null) {
			return false;
		}
		String digits = length.trim();
		if (digits.isEmpty() || digits.length() > 18) {
			return true;
		}
		for (int i = 0; i < digits.length(); i++) {
			if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
				return true;
			}
		}
		return Long.parseLong(digits) > MAX_KEPT_BODY;
	}

	// What a Location header can carry as it is: printable ASCII, no spaces or controls (a request target the
	// server accepted holds nothing else, but a Host or a decoded path might).
	private static boolean isPrintableAscii(String url) {
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c <= ' ' || c > '~') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the {@code Strict-Transport-Security} header to add to the response to a request that a handler is
	 * about to serve: when it is configured, and the request arrived over TLS for an endpoint that requires TLS (by
	 * the handler's requirement or a path rule).
	 * @param <R> the native request type
	 * @param handler the handler the request is mapped to
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return the header value, {@code null} if none is to be sent
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 * @since 0.2.0
	 */
	public <R> @Nullable String strictTransportSecurity(Object handler, String rawPath, String contextPath,
			R request, RequestFacts<R> facts) {
		String value = this.strictTransportSecurity;
		if (value == null || !facts.isSecure(request)) {
			return null;
		}
		return this.requirements.withPathRules(requirementOf(handler), rawPath, contextPath).requiresTls() ? value
				: null;
	}

	/**
	 * Whether a {@code Strict-Transport-Security} header is configured ({@link #strictTransportSecurity}).
	 * @return whether responses to protected endpoints over TLS carry one
	 * @since 0.2.0
	 */
	public boolean sendsStrictTransportSecurity() {
		return this.strictTransportSecurity != null;
	}

	/**
	 * Whether a path rule, or a handler resolved so far, requires a minimum TLS version.
	 * @return whether some endpoint requires a minimum TLS version
	 */
	public boolean requiresMinTlsVersion() {
		return this.requirements.requiresMinTlsVersion();
	}

	/**
	 * Builds an {@link UpgradePolicy}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final List<PathRule> rules = new ArrayList<>();

		private final List<HandlerRequirementResolver> resolvers = new ArrayList<>(
				List.of(new RequiresProtocolResolver()));

		private @Nullable String problemTypeBase;

		private IntSupplier httpsPort = () -> -1;

		private final List<RefusalObserver> observers = new ArrayList<>();

		private boolean browserRedirect;

		private @Nullable String strictTransportSecurity;

		private @Nullable String httpsHost;

		private Builder() {
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
			ProtocolRequirement requirement = ProtocolRequirements.of(protocol, minTlsVersion, minTlsVersionSource,
					true);
			try {
				this.rules.add(new PathRule(PathRule.parse(pattern.trim()), requirement));
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
		 * refuse it with 426; every other request keeps its 426 (see {@link UpgradePolicy#plan}).
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
			return new UpgradePolicy(new EndpointRequirements(this.rules, this.resolvers),
					new UpgradeResponder(this.problemTypeBase, this.httpsPort), this.observers, this.browserRedirect,
					this.strictTransportSecurity, this.httpsHost);
		}

	}

}
