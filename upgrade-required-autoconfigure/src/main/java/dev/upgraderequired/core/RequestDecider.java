package dev.upgraderequired.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.RequestFacts;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.UpgradeReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;

/**
 * Decides each request, from the {@link RequirementIndex}, in one pass that returns a closed {@link Decision}: go on
 * (with the {@code Strict-Transport-Security} header to add, if any), refuse (the response, and who refused), or
 * redirect a browser's navigation. The {@link RefusalObserver observers} (metrics included) and the log hear of a
 * refusal from the same pass; each stack's adapter only translates the decision.
 * <p>
 * The early filter of each stack asks {@link #decide(Object, RequestView)} first: a request that meets the
 * requirement of every rule and protected handler its path may be for goes on at the cost of one walk over its path,
 * allocating nothing; any other request is answered from the index of handlers where it can tell, without the
 * stack's handler lookup, and otherwise looked up by the adapter and decided with its handler
 * ({@link #decide(Object, RequestView, Object)}). A failed request is decided by
 * {@link #decideFailure}. Each decision is logged at TRACE level.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class RequestDecider {

	private static final Log logger = LogFactory.getLog(RequestDecider.class);

	// A request served although a report-only requirement refuses it.
	private static final Decision.Proceed SERVED_NOT_ENFORCED = new Decision.Proceed(null, false, List.of(), true);

	private final RequirementIndex index;

	private final EndpointRequirements requirements;

	private final UpgradeResponder responder;

	private final RefusalObserver[] observers;

	private final boolean browserRedirect;

	private final Decision.@Nullable Proceed strictTransportSecurity;

	private final @Nullable String httpsHost;

	private final Clock clock;

	private final ResponsePlan.@Nullable Header deprecationLink;

	private final NotEnforcedLog notEnforcedLog = new NotEnforcedLog();

	// The decision to serve a request that a dated requirement refuses, by its rollout, then by refusal and HTTP
	// version: made once, then looked up without allocating.
	private final ConcurrentMap<Rollout, AtomicReferenceArray<Decision.Proceed>> announced = new ConcurrentHashMap<>();

	RequestDecider(RequirementIndex index, UpgradeResponder responder, List<RefusalObserver> observers,
			boolean browserRedirect, @Nullable String strictTransportSecurity, @Nullable String httpsHost, Clock clock,
			@Nullable String deprecationLink) {
		this.index = index;
		this.requirements = index.requirements();
		this.responder = responder;
		this.observers = observers.toArray(new RefusalObserver[0]);
		this.browserRedirect = browserRedirect;
		this.strictTransportSecurity = (strictTransportSecurity != null)
				? new Decision.Proceed(strictTransportSecurity, false, List.of(), false) : null;
		this.httpsHost = httpsHost;
		this.clock = clock;
		this.deprecationLink = (deprecationLink != null) ? Rollout.link(deprecationLink) : null;
	}

	/**
	 * Decide a request before its handler is looked up: {@link Decision#PROCEED_ANY_HANDLER} if it meets the
	 * requirement of every path rule and protected handler its path may be for (without allocating, for a plain
	 * path); else from the index of the handlers listed at startup where it can tell; else {@link Decision#LOOK_UP}.
	 * <p>
	 * The first handler mapping with a pattern that matches the request's path is the one the lookup asks first; if
	 * it is a request mapping, it claims the request (it fails a request it has no handler for, with 405, 406, 415
	 * or 400, rather than let another mapping have it), and its handler is one of those mapped to the request's
	 * method there (any of them where none is). Only a failed {@code headers} condition lets a request mapping pass
	 * a request on to the next mapping: such a request may get the refusal of the pattern it matched where Spring
	 * would have served it from a later mapping (never the other way round). So the request goes on if it meets,
	 * with the path rules, the requirement of each of those handlers and of every handler of a later mapping that
	 * matches its path (or, when the first mapping is of another kind, of every handler that matches); it is refused
	 * if those handlers of a claiming mapping are of one pattern with one requirement, which refuses it. The handler
	 * is looked up for a request that no handler matches (the rules alone decide it then), one with an
	 * {@code Origin} (whose refusal carries the CORS headers of its handler), an {@code OPTIONS} request, which
	 * Spring answers from every mapping, and when some handlers could not be listed with their parsed patterns.
	 * <p>
	 * The index reads a plain path where the request has it, without allocating, when every pattern on the way to it
	 * reads a plain path as plain text does (see {@link HandlerIndex#requirementsFor}): a request it lets through
	 * allocates nothing then (unless the path rules' literal beginnings match its path, which parses it for them).
	 * Any other path is parsed as the stack's mappings read it and matched by the patterns themselves; a refusal
	 * lists the handlers that match, to tell which refuses.
	 * @param <R> the native request type
	 * @param request the request
	 * @param view reads the request
	 * @return the decision: {@link Decision.Proceed}, {@link Decision.Respond} or {@link Decision#LOOK_UP}
	 */
	public <R> Decision decide(R request, RequestView<R> view) {
		String path = view.path(request);
		int applicationPathStart = view.applicationPathStart(request);
		int handlerPathStart = view.handlerPathStart(request, applicationPathStart);
		if (handlerPathStart >= 0
				&& !this.index.mayRefuse(path, applicationPathStart, handlerPathStart, request, view)) {
			return traced(Decision.PROCEED_ANY_HANDLER, "by its path", request, view);
		}
		String method = view.method(request);
		int start = view.indexedPathStart(request);
		int handlerRequirements = HttpMethod.OPTIONS.name().equals(method) ? 0
				: this.index.handlerRequirements(path, start, method);
		if (handlerRequirements == 0) {
			return traced(Decision.LOOK_UP, "by the index", request, view);
		}
		ProtocolRequirement rules = this.requirements.forPath(path, view.contextPath(request));
		if (handlerRequirements != HandlerIndex.UNKNOWN && meetsEvery(handlerRequirements, rules, request, view)) {
			return traced(Decision.PROCEED, "by the index", request, view);
		}
		// Which handler refuses, from the list of those that match: for a path the index cannot read plainly, the
		// path parsed.
		List<HandlerIndex.Indexed> matching = (handlerRequirements != HandlerIndex.UNKNOWN)
				? this.index.handlersMatching(path, start) : null;
		if (matching == null) {
			PathContainer indexedPath = view.indexedPath(request);
			matching = (indexedPath != null) ? this.index.handlersMatching(indexedPath) : null;
		}
		if (matching == null || matching.isEmpty()) {
			return traced(Decision.LOOK_UP, "by the index", request, view);
		}
		if (handlerRequirements == HandlerIndex.UNKNOWN
				&& meetsEvery(HandlerIndex.requirementsOf(matching, method), rules, request, view)) {
			return traced(Decision.PROCEED, "by the index", request, view);
		}
		HandlerIndex.Indexed first = matching.get(0);
		int claimed = 0;
		boolean forMethod = false;
		if (first.claims()) {
			while (claimed < matching.size() && matching.get(claimed).mapping() == first.mapping()) {
				forMethod |= matching.get(claimed++).isFor(method);
			}
		}
		HandlerIndex.Indexed chosen = (claimed > 0 && view.header(request, HttpHeaders.ORIGIN) == null)
				? onlyCandidate(matching, claimed, forMethod, method) : null;
		ProtocolRequirement requirement = (chosen != null) ? chosen.requirement().and(rules) : null;
		Refusal refusal = (requirement != null) ? UpgradeDecider.decide(requirement, request, view) : null;
		// Where a requirement may not be enforced yet, the handler that serves the request decides (the candidates
		// share a requirement, not necessarily its rollout): never served for the wrong one.
		if (refusal == null || rollsOut(matching, claimed)) {
			return traced(Decision.LOOK_UP, "by the index", request, view);
		}
		return traced(respond(refusal, chosen.handler(), chosen.pattern().getPatternString(), Long.MIN_VALUE,
				request, view), "by the index", request, view);
	}

	// Whether a request meets, with the path rules, each of some requirements (bits by position in values()).
	private static <R> boolean meetsEvery(int requirements, ProtocolRequirement rules, R request,
			RequestView<R> view) {
		for (int left = requirements; left != 0; left &= left - 1) {
			ProtocolRequirement requirement = ProtocolRequirement.values().get(Integer.numberOfTrailingZeros(left));
			if (UpgradeDecider.decide(requirement.and(rules), request, view) != null) {
				return false;
			}
		}
		return true;
	}

	private boolean rollsOut(List<HandlerIndex.Indexed> matching, int claimed) {
		for (int i = 0; i < claimed; i++) {
			if (this.requirements.rollsOut(matching.get(i).handler())) {
				return true;
			}
		}
		return false;
	}

	// The one pattern and requirement of the claiming mapping's handlers for the method, or null if they differ.
	private static HandlerIndex.@Nullable Indexed onlyCandidate(List<HandlerIndex.Indexed> matching, int claimed,
			boolean forMethod, String method) {
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
		return chosen;
	}

	/**
	 * Decide a request whose handler was looked up: by the handler's requirement and the path rules, or by the rules
	 * alone when no handler of the stack serves it. A plain {@code OPTIONS} request (not a CORS pre-flight, which is
	 * never refused) asks about the resource, whichever handler answers it (the framework's own, which lists the
	 * allowed methods, as a rule): it is held to the requirements of the handlers mapped to its path for any method
	 * as well. A refused request gets its handler's CORS processing first, as the stack would give it; one that CORS
	 * processing rejects keeps its {@code 403} ({@link Decision#CORS_REJECTED}). A request over TLS that goes on to an
	 * endpoint requiring TLS gets {@code Strict-Transport-Security}, when it is configured.
	 * @param <R> the native request type
	 * @param request the request, after its handler lookup
	 * @param view reads the request
	 * @param handler the handler the request is mapped to, {@code null} if none
	 * @return the decision: {@link Decision.Proceed}, {@link Decision.Respond} or {@link Decision#CORS_REJECTED}
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	public <R> Decision decide(R request, RequestView<R> view, @Nullable Object handler) {
		return decide(request, view, handler, true);
	}

	/**
	 * Decide a request whose handler was looked up, as {@link #decide(Object, RequestView, Object)} does, when an
	 * earlier decision on the same request may have told the observers already that a requirement which is not
	 * enforced would have refused it.
	 * @param <R> the native request type
	 * @param request the request, after its handler lookup
	 * @param view reads the request
	 * @param handler the handler the request is mapped to, {@code null} if none
	 * @param report whether to tell the observers and the log of such a request
	 * @return the decision: {@link Decision.Proceed}, {@link Decision.Respond} or {@link Decision#CORS_REJECTED}
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	public <R> Decision decide(R request, RequestView<R> view, @Nullable Object handler, boolean report) {
		// The rules that match the path, worked out once, where some requirement is not always enforced.
		List<PathRule> rules = this.requirements.rollsOut(handler)
				? this.requirements.rulesFor(view.path(request), view.contextPath(request)) : null;
		ProtocolRequirement requirement = requirementOf(request, view, handler, rules);
		Refusal refusal = UpgradeDecider.decide(requirement, request, view);
		Decision decision = (refusal != null) ? refuse(refusal, requirement, handler, view.matchedPattern(request),
				rules, true, report, request, view) : proceed(requirement, request, view);
		return traced(decision, (handler != null) ? "by its handler" : "by the path rules", request, view);
	}

	private <R> Decision.Proceed proceed(ProtocolRequirement requirement, R request, RequestView<R> view) {
		return (this.strictTransportSecurity != null && requirement.requiresTls() && view.isSecure(request))
				? this.strictTransportSecurity : Decision.PROCEED;
	}

	// A request that the full requirement refuses: refused if what is enforced now refuses it (a handler's CORS
	// processing first, if asked), else served with the announcement of the date, if there is one.
	private <R> Decision refuse(Refusal refusal, ProtocolRequirement requirement, @Nullable Object handler,
			@Nullable String matchedPattern, @Nullable List<PathRule> matchingRules, boolean cors, boolean report,
			R request, RequestView<R> view) {
		long now = Long.MIN_VALUE;
		Refusal enforced = refusal;
		if (this.requirements.rollsOut(handler)) {
			now = this.clock.millis();
			List<PathRule> rules = (matchingRules != null) ? matchingRules
					: this.requirements.rulesFor(view.path(request), view.contextPath(request));
			enforced = UpgradeDecider.decide(enforcedAt(now, handler, rules, request, view), request, view);
			if (enforced == null) {
				return served(refusal, requirement, handler, matchedPattern, rules, now, report, request, view);
			}
		}
		if (cors && handler != null && !view.processCors(request)) {
			return Decision.CORS_REJECTED;
		}
		return respond(enforced, handler, matchedPattern, now, request, view);
	}

	// What a request requires that is enforced at a time: of its handler (for a plain OPTIONS, what its path's
	// handlers require for any method too, as the default rollout says: those handlers' own are not known here) and
	// of the path rules.
	private <R> ProtocolRequirement enforcedAt(long now, @Nullable Object handler, List<PathRule> rules, R request,
			RequestView<R> view) {
		ProtocolRequirement enforced = this.requirements.enforcedAt(handler, rules, now);
		if (handler != null && HttpMethod.OPTIONS.name().equals(view.method(request))
				&& this.requirements.defaultRollout().isEnforcedAt(now)) {
			enforced = enforced.and(view.anyMethodRequirement(request));
		}
		return enforced;
	}

	// A request served although a requirement that is not enforced yet refuses it: who would have refused it (a part
	// not enforced that refuses it for the same reason, else for another), the observers and the log told, and the
	// earliest date among those that refuse it announced, with the upgrade the dated ones ask for.
	private <R> Decision.Proceed served(Refusal refusal, ProtocolRequirement requirement, @Nullable Object handler,
			@Nullable String matchedPattern, List<PathRule> rules, long now, boolean report, R request,
			RequestView<R> view) {
		UpgradeReason reason = refusal.reason();
		NotEnforced parts = new NotEnforced(reason, now);
		if (handler != null) {
			for (EndpointRequirements.Part part : this.requirements.partsOf(handler)) {
				parts.consider(part, part.rollout(), part.requirement(), request, view);
			}
		}
		for (PathRule rule : rules) {
			parts.consider(rule, rule.rollout(), rule.requirement(), request, view);
		}
		// Neither: what the other handlers of the path require of a plain OPTIONS.
		RequirementSource source = (parts.who instanceof EndpointRequirements.Part part) ? part.source()
				: (parts.who instanceof PathRule) ? RequirementSource.RULE
						: this.requirements.onlyAnnotationsOnHandlerMethods() ? RequirementSource.ANNOTATION
								: RequirementSource.RESOLVER;
		String pattern = (parts.who instanceof PathRule rule) ? rule.pattern().getPatternString()
				: this.index.patternOf(handler, matchedPattern);
		Rollout dated = parts.dated;
		if (report && reason != null) {
			for (RefusalObserver observer : this.observers) {
				try {
					observer.notEnforced(reason, source, pattern);
				}
				catch (RuntimeException ex) {
					logger.warn("A RefusalObserver failed; the request is served all the same", ex);
				}
			}
			this.index.notEnforced().served(reason, source, pattern, now);
			this.notEnforcedLog.served(reason, source, pattern, dated, request, view);
		}
		String hsts = proceed(requirement, request, view).strictTransportSecurity();
		if (dated == null) {
			return (hsts != null) ? new Decision.Proceed(hsts, false, List.of(), true) : SERVED_NOT_ENFORCED;
		}
		Refusal announcing = UpgradeDecider.decide(parts.announced, request, view);
		Decision.Proceed decision = announced(dated, (announcing != null) ? announcing : refusal,
				view.isHttp1(request));
		return (hsts != null) ? new Decision.Proceed(hsts, false, decision.announcement(), true) : decision;
	}

	// On HTTP/1.x Upgrade with the refusal's tokens and Connection: Upgrade, then Sunset, Deprecation and the Link.
	private Decision.Proceed announced(Rollout dated, Refusal refusal, boolean http1) {
		AtomicReferenceArray<Decision.Proceed> byRefusal = this.announced.get(dated);
		if (byRefusal == null) {
			byRefusal = this.announced.computeIfAbsent(dated,
					(rollout) -> new AtomicReferenceArray<>(Refusal.count() * 2));
		}
		int index = refusal.id() * 2 + (http1 ? 1 : 0);
		Decision.Proceed decision = byRefusal.get(index);
		if (decision == null) {
			List<ResponsePlan.Header> headers = new ArrayList<>(5);
			if (http1) {
				headers.addAll(refusal.advertisement());
			}
			headers.addAll(dated.announcement());
			if (this.deprecationLink != null) {
				headers.add(this.deprecationLink);
			}
			decision = new Decision.Proceed(null, false, List.copyOf(headers), true);
			byRefusal.set(index, decision);
		}
		return decision;
	}

	// The handler's requirement (for a plain OPTIONS, with what its path's handlers require for any method) and the
	// path rules', from the rules that match the path if they are known.
	private <R> ProtocolRequirement requirementOf(R request, RequestView<R> view, @Nullable Object handler,
			@Nullable List<PathRule> rules) {
		ProtocolRequirement requirement = (handler != null) ? this.index.requirementOf(handler)
				: ProtocolRequirement.none();
		if (handler != null && HttpMethod.OPTIONS.name().equals(view.method(request))) {
			requirement = requirement.and(view.anyMethodRequirement(request));
		}
		if (rules == null) {
			return this.requirements.withPathRules(requirement, view.path(request), view.contextPath(request));
		}
		for (PathRule rule : rules) {
			requirement = requirement.and(rule.requirement());
		}
		return requirement;
	}

	/**
	 * Decide how to answer a request that failed: a thrown {@link dev.upgraderequired.UpgradeRequiredException}
	 * (decided against the request; a 500 if the request already meets its requirement), or a 405, 406 or 415 for a
	 * protected endpoint, which is a 426 since the client has to upgrade first. What the handlers of the path require
	 * for a 405, 406 or 415 is enforced as the default rollout says (as for a plain {@code OPTIONS}: those handlers'
	 * own rollouts are not known here); a path rule as its own rollout says. One that is not enforced leaves the
	 * failure as it is.
	 * @param <R> the native request type
	 * @param request the request
	 * @param view reads the request
	 * @param failure what the request failed with
	 * @param handler the handler the request is mapped to, {@code null} if none is known
	 * @return the decision, {@code null} if the failure is not about the protocol
	 */
	public <R> Decision.@Nullable Respond decideFailure(R request, RequestView<R> view, Throwable failure,
			@Nullable Object handler) {
		String path = view.path(request);
		String contextPath = view.contextPath(request);
		long now = this.requirements.rollsOut(handler) ? this.clock.millis() : Long.MIN_VALUE;
		Refusal refusal = UpgradeDecider.decideFailure(failure, request, view,
				() -> enforcedWithPathRules(view.mediaTypeRequirement(request), now, path, contextPath),
				() -> enforcedWithPathRules(view.anyMethodRequirement(request), now, path, contextPath));
		if (refusal == null) {
			return null;
		}
		Decision.Respond decision = respond(refusal, handler, view.matchedPattern(request), now, request, view);
		traced(decision, "by its failure", request, view);
		return decision;
	}

	// What the handlers of a path require, with the path rules, of what is enforced at "now" (all of it if it is
	// Long.MIN_VALUE): the handlers' as the default rollout says, the rules' as their own.
	private ProtocolRequirement enforcedWithPathRules(ProtocolRequirement handlers, long now, String path,
			String contextPath) {
		if (now == Long.MIN_VALUE) {
			return this.requirements.withPathRules(handlers, path, contextPath);
		}
		ProtocolRequirement enforced = this.requirements.defaultRollout().isEnforcedAt(now) ? handlers
				: ProtocolRequirement.none();
		return enforced.and(this.requirements.enforcedAt(null, this.requirements.rulesFor(path, contextPath), now));
	}

	/**
	 * Return the {@code Strict-Transport-Security} header for the response to a request that a handler is about to
	 * serve, which the early filter let through: when it is configured, and the request arrived over TLS for an
	 * endpoint that requires TLS (by the handler's requirement or a path rule). For a stack with no check after its
	 * handler lookup (WebFlux); decides nothing else.
	 * @param <R> the native request type
	 * @param request the request
	 * @param view reads the request
	 * @param handler the handler the request is mapped to
	 * @return the header value, {@code null} if none is to be sent
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	public <R> @Nullable String strictTransportSecurity(R request, RequestView<R> view, Object handler) {
		Decision.Proceed value = this.strictTransportSecurity;
		if (value == null || !view.isSecure(request)) {
			return null;
		}
		return requirementOf(request, view, handler, null).requiresTls() ? value.strictTransportSecurity() : null;
	}

	/**
	 * Whether a {@code Strict-Transport-Security} header is configured.
	 * @return whether responses to protected endpoints over TLS carry one
	 */
	public boolean sendsStrictTransportSecurity() {
		return this.strictTransportSecurity != null;
	}

	// The response, who refused (of the parts enforced at "now", every part if it is Long.MIN_VALUE) and the
	// observers, in one pass.
	private <R> Decision.Respond respond(Refusal refusal, @Nullable Object handler, @Nullable String matchedPattern,
			long now, R request, RequestView<R> view) {
		ResponsePlan plan = plan(refusal, request, view);
		UpgradeReason reason = refusal.reason();
		RequirementSource source = RequirementSource.EXCEPTION;
		ProtocolRequirement requirement = refusal.requirement();
		String pattern = null;
		if (reason != null && !refusal.thrown()) {
			EndpointRequirements.Part part = (handler != null) ? refusingPart(handler, reason, now, request, view)
					: null;
			PathRule rule = (part == null) ? refusingRule(reason, now, request, view) : null;
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
			pattern = this.index.patternOf(handler, matchedPattern);
		}
		if (reason == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answered 500: the application threw an UpgradeRequiredException requiring "
						+ refusal.requirement() + " for a request that uses it, from " + view.remoteAddress(request));
			}
			return new Decision.Refuse(plan, null, source, pattern);
		}
		for (RefusalObserver observer : this.observers) {
			try {
				observer.refused(reason, source, pattern);
			}
			catch (RuntimeException ex) {
				logger.warn("A RefusalObserver failed; the refusal is sent all the same", ex);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Refused with " + plan.status() + " (" + reason.slug() + "): " + source.tag()
					+ " requirement " + requirement + " on " + pattern + ", from " + view.remoteAddress(request));
		}
		return (plan.status() == HttpStatus.PERMANENT_REDIRECT.value())
				? new Decision.Redirect(plan, reason, source, pattern)
				: new Decision.Refuse(plan, reason, source, pattern);
	}

	// The part of the handler's requirement that refuses the request for the same reason, if any. (The reason of a
	// combined requirement is always the reason of one of its parts alone.)
	private <R> EndpointRequirements.@Nullable Part refusingPart(Object handler, UpgradeReason reason, long now,
			R request, RequestFacts<R> facts) {
		for (EndpointRequirements.Part part : this.requirements.partsOf(handler)) {
			if (now != Long.MIN_VALUE && !part.rollout().isEnforcedAt(now)) {
				continue;
			}
			Refusal refusal = UpgradeDecider.decide(part.requirement(), request, facts);
			if (refusal != null && refusal.reason() == reason) {
				return part;
			}
		}
		return null;
	}

	private <R> @Nullable PathRule refusingRule(UpgradeReason reason, long now, R request, RequestView<R> view) {
		for (PathRule rule : this.requirements.rulesFor(view.path(request), view.contextPath(request))) {
			if (now != Long.MIN_VALUE && !rule.rollout().isEnforcedAt(now)) {
				continue;
			}
			Refusal refusal = UpgradeDecider.decide(rule.requirement(), request, view);
			if (refusal != null && refusal.reason() == reason) {
				return rule;
			}
		}
		return null;
	}

	// A 426 (or the 500 of an exception whose requirement the request meets) with its problem body; in
	// browser-redirect mode, a 308 to the https URL for a browser's navigation (GET or HEAD, see BrowserNavigation)
	// that lacks nothing but TLS, when that URL is known and is printable ASCII. Whenever a request could have been
	// redirected, the response (redirect or 426) names the request headers that decided it in its Vary.
	private <R> ResponsePlan plan(Refusal refusal, R request, RequestView<R> view) {
		boolean http1 = view.isHttp1(request);
		String method = view.method(request);
		boolean head = "HEAD".equals(method);
		String path = view.requestedPath(request);
		String urlHost = (this.httpsHost != null) ? this.httpsHost : view.host(request);
		String httpsUrl = (urlHost == null || view.isSecure(request)) ? null
				: this.responder.httpsUrl(refusal, urlHost, path, view.query(request));
		boolean close = http1 && hasUnkeptBody(request, view);
		String vary = null;
		if (this.browserRedirect && httpsUrl != null && (head || "GET".equals(method)) && refusal.needsOnlyTls(http1)
				&& isPrintableAscii(httpsUrl)) {
			BrowserNavigation navigation = BrowserNavigation.of(request, view);
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
		return Long.parseLong(digits) > UpgradePolicy.MAX_KEPT_BODY;
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

	// Of the parts of a requirement (a handler's or a rule's) that are not enforced at "now" and refuse a request: who
	// refused it (the first for the reason of the whole requirement, else the first), the earliest date among them,
	// and what the dated ones require.
	private static final class NotEnforced {

		private final @Nullable UpgradeReason reason;

		private final long now;

		private @Nullable Object who;

		private boolean sameReason;

		private @Nullable Rollout dated;

		private ProtocolRequirement announced = ProtocolRequirement.none();

		NotEnforced(@Nullable UpgradeReason reason, long now) {
			this.reason = reason;
			this.now = now;
		}

		<R> void consider(Object part, Rollout rollout, ProtocolRequirement requirement, R request,
				RequestFacts<R> facts) {
			Refusal refused = rollout.isEnforcedAt(this.now) ? null : UpgradeDecider.decide(requirement, request, facts);
			if (refused == null) {
				return;
			}
			if (rollout.enforceFrom() != null) {
				this.dated = Rollout.earliestDated(this.dated, rollout);
				this.announced = this.announced.and(requirement);
			}
			if (!this.sameReason && (this.who == null || refused.reason() == this.reason)) {
				this.who = part;
				this.sameReason = refused.reason() == this.reason;
			}
		}

	}

	private static <R, D extends Decision> D traced(D decision, String how, R request, RequestView<R> view) {
		if (logger.isTraceEnabled()) {
			logger.trace("Decided " + view.method(request) + " " + view.path(request) + " " + how + ": "
					+ describe(decision));
		}
		return decision;
	}

	private static String describe(Decision decision) {
		if (decision instanceof Decision.Proceed proceed) {
			return (proceed.refusalNotEnforced() ? "proceed, not enforcing a requirement it does not meet"
					: "proceed") + ((proceed.strictTransportSecurity() != null) ? " with Strict-Transport-Security"
							: "");
		}
		if (decision instanceof Decision.Respond respond) {
			return "respond " + respond.response().status();
		}
		return decision.toString();
	}

}
