package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequestFacts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * What every endpoint requires, indexed at startup: the handlers' requirements (their annotations and what the
 * resolvers say), the path rules, and the handlers listed by each web stack's adapter with their mappings'
 * patterns. The {@link RequestDecider} answers each request from it; the startup log, the warnings, the actuator
 * report and the API documentation read it.
 * <p>
 * A path that no rule and no protected handler can be for is told apart by one walk over its characters
 * ({@link #mayRefuse}), without allocating.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class RequirementIndex {

	private static final Log logger = LogFactory.getLog(RequirementIndex.class);

	private static final int SUMMARIZED_RULES = 10;

	private final EndpointRequirements requirements;

	private volatile RequirementPrefixes handlerPrefixes = RequirementPrefixes.none();

	private volatile boolean everyPathProtected;

	private volatile ListedHandlers listed = ListedHandlers.NONE;

	private volatile @Nullable HandlerIndex handlers;

	private final NotEnforcedCounts notEnforced = new NotEnforcedCounts();

	// Whether a gateway's routes may serve any path, so that a request that does not meet what they require is
	// looked up.
	private volatile boolean routesServe;

	// The gateway's routes, as the adapter last handed them over; null before it first does.
	private volatile @Nullable Routes routes;

	RequirementIndex(EndpointRequirements requirements) {
		this.requirements = requirements;
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
	 * Index the handlers of the application: by the literal beginning of their path patterns, so that
	 * {@link #mayRefuse} knows the paths a protected handler may serve, and, where every handler is listed with the
	 * patterns its mapping parsed, by those patterns, so that the decider answers without the web stack's lookup.
	 * Resolves, and so validates, every handler's requirement. If the adapter could not list some handlers (see
	 * {@link HandlerInventory}), they may be protected on any path: then every request may be refused, and is looked
	 * up and decided; the log says why.
	 * @param inventory the handlers as the adapter listed them
	 * @throws InvalidRequirementException if a handler declares an invalid requirement
	 */
	public void index(HandlerInventory inventory) {
		Map<String, ProtocolRequirement> byPattern = new LinkedHashMap<>();
		Map<String, Integer> counts = new TreeMap<>();
		// The endpoints whose own requirement is not all enforced from the start, by rollout.
		Map<String, Integer> rollouts = new TreeMap<>();
		// Only where every handler is listed with the patterns its mapping parsed: a handler the index did not know
		// of could be the one a request is for.
		List<HandlerIndex.Indexed> indexed = (inventory.unlisted().isEmpty() && !inventory.unindexed()
				&& !inventory.routes()) ? new ArrayList<>() : null;
		for (HandlerInventory.Entry entry : inventory.entries()) {
			ProtocolRequirement requirement = requirementOf(entry.handler());
			if (!requirement.isNone()) {
				entry.patterns().forEach((pattern) -> byPattern.merge(pattern, requirement, ProtocolRequirement::and));
				counts.merge(requirement.toString(), 1, Integer::sum);
				for (EndpointRequirements.Part part : this.requirements.partsOf(entry.handler())) {
					if (!part.rollout().isAlwaysEnforced()) {
						rollouts.merge(part.rollout().toString(), 1, Integer::sum);
						break;
					}
				}
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
		this.listed = new ListedHandlers(inventory, this.requirements.rules());
		HandlerIndex handlers = (indexed != null) ? new HandlerIndex(indexed) : null;
		this.handlers = handlers;
		this.routesServe = inventory.routes();
		String summary = summary(counts, rollouts);
		if (!inventory.unlisted().isEmpty()) {
			summary += "; it looks up the handler of every request, since it cannot list the handlers of "
					+ String.join(", ", inventory.unlisted());
			this.everyPathProtected = true;
		}
		else if (handlers != null) {
			List<String> parsed = handlers.parsedPatterns();
			summary += "; it decides from an index of " + handlers.size() + " path patterns" + (parsed.isEmpty() ? ""
					: " (" + parsed.size() + " of them matched on a request's parsed path)");
			if (!parsed.isEmpty() && logger.isDebugEnabled()) {
				logger.debug("upgrade-required: patterns matched on a request's parsed path: " + parsed);
			}
		}
		else {
			summary += "; it looks up the handler of a request it may refuse, since "
					+ (inventory.routes() ? "gateway routes may serve any path"
							: inventory.unindexed() ? "router functions may serve any path"
									: "some handler mappings do not match with PathPatterns");
		}
		logger.info(summary);
		if (this.requirements.defaultRollout().isReportOnly()) {
			logger.warn("upgrade-required: report-only: no requirement without a rollout of its own is enforced "
					+ "(upgrade-required.report-only=true); requests that do not meet one are served and counted "
					+ "in upgrade.required.refusals with enforced=false");
		}
	}

	private String summary(Map<String, Integer> handlerCounts, Map<String, Integer> rollouts) {
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
		if (!rollouts.isEmpty()) {
			summary.append(", of which ");
			rollouts.forEach((rollout, count) -> summary.append(count).append(' ').append(rollout).append(", "));
			summary.setLength(summary.length() - 2);
		}
		summary.append("; ").append(rules.size()).append((rules.size() == 1) ? " path rule" : " path rules");
		// One line whatever the configuration: the first rules, and how many more (the actuator report has all).
		int shown = Math.min(rules.size(), SUMMARIZED_RULES);
		for (int i = 0; i < shown; i++) {
			PathRule rule = rules.get(i);
			summary.append((i == 0) ? " (" : ", ").append(rule.pattern().getPatternString()).append(": ")
				.append(rule.requirement());
			if (!rule.rollout().isAlwaysEnforced()) {
				summary.append(" [").append(rule.rollout()).append(']');
			}
		}
		if (rules.size() > shown) {
			summary.append(", and ").append(rules.size() - shown).append(" more");
		}
		if (!rules.isEmpty()) {
			summary.append(')');
		}
		Rollout rollout = this.requirements.defaultRollout();
		if (!rollout.isAlwaysEnforced()) {
			summary.append("; every requirement without a rollout of its own is ").append(rollout);
		}
		return summary.toString();
	}

	/**
	 * Whether a request may be refused: {@code false} only if it meets the requirement of every path rule and
	 * protected handler that its path may be for. Allocates nothing for a plain path.
	 * @param <R> the native request type
	 * @param rawPath the request path as received, still percent-encoded
	 * @param applicationPathStart where the path within the application starts in {@code rawPath}
	 * @param handlerPathStart where the path that handlers are mapped to starts
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return whether a refusal is possible
	 */
	<R> boolean mayRefuse(String rawPath, int applicationPathStart, int handlerPathStart, R request,
			RequestFacts<R> facts) {
		if (this.everyPathProtected
				|| this.requirements.pathRulePrefixes().mayRefuse(rawPath, applicationPathStart, request, facts)) {
			return true;
		}
		if (this.routesServe) {
			Routes routes = this.routes;
			if (routes == null || UpgradeDecider.decide(routes.anyPath(), request, facts) != null
					|| routes.byPath().mayRefuse(rawPath, 0, request, facts)) {
				return true;
			}
		}
		RequirementPrefixes handlerPrefixes = this.handlerPrefixes;
		return handlerPrefixes != RequirementPrefixes.none()
				&& handlerPrefixes.mayRefuse(rawPath, handlerPathStart, request, facts);
	}

	/**
	 * Return the requirements of the indexed handlers that may serve a request, for a plain path, without
	 * allocating: see {@link HandlerIndex#requirementsFor}.
	 * @param path the request path as received
	 * @param start where the path within the application, as the handler mappings read it, starts in {@code path};
	 * {@code -1} if it is not a part of {@code path} as received
	 * @param method the request's method
	 * @return the requirements, as a set of bits by their position in {@link ProtocolRequirement#values()}; {@code 0}
	 * if none matches, or the handlers could not be indexed; {@link HandlerIndex#UNKNOWN} if the index cannot tell
	 * from a plain reading of the path
	 */
	int handlerRequirements(String path, int start, String method) {
		HandlerIndex handlers = this.handlers;
		return (handlers != null) ? handlers.requirementsFor(path, start, method) : 0;
	}

	/**
	 * Return the indexed handler patterns that match a plain path, in the order of their handler mappings, as
	 * {@link #handlerRequirements} reads it.
	 * @param path the request path as received
	 * @param start where the path within the application, as the handler mappings read it, starts in {@code path}
	 * @return the matches, or {@code null} if the handlers could not be indexed or the index cannot read the path
	 * plainly
	 */
	@Nullable List<HandlerIndex.Indexed> handlersMatching(String path, int start) {
		HandlerIndex handlers = this.handlers;
		return (handlers != null) ? handlers.matching(path, start) : null;
	}

	/**
	 * Return the indexed handler patterns that match a path, in the order of their handler mappings.
	 * @param path the path within the application, parsed as the handler mappings read it
	 * @return the matches, or {@code null} if the handlers could not be indexed
	 */
	@Nullable List<HandlerIndex.Indexed> handlersMatching(PathContainer path) {
		HandlerIndex handlers = this.handlers;
		return (handlers != null) ? handlers.matching(path) : null;
	}

	/**
	 * Whether a handler was listed at startup with the pattern its mapping matched a request with, so that what
	 * {@link #mayRefuse} and the index say of the request's path holds for it. A handler registered later, or at
	 * another pattern, was not.
	 * @param handler the handler
	 * @param pattern the pattern its mapping matched, {@code null} if it did not say
	 * @return whether the handler was indexed with that pattern
	 */
	public boolean isIndexed(Object handler, @Nullable String pattern) {
		return this.listed.lists(handler, pattern);
	}

	EndpointRequirements requirements() {
		return this.requirements;
	}

	/**
	 * Return the pattern a refusal of a handler is counted under: for a gateway's route, its id.
	 * @param handler the handler, {@code null} if none is known
	 * @param matched the pattern the lookup matched, {@code null} if it did not record one
	 * @return the pattern, {@link UpgradePolicy#UNKNOWN_PATTERN} if none is known
	 */
	String patternOf(@Nullable Object handler, @Nullable String matched) {
		return (handler instanceof Route route) ? route.id() : this.listed.patternOf(handler, matched);
	}

	/**
	 * Return what every endpoint listed at startup requires and where it comes from, and the path rules. A rule
	 * counts for an endpoint when its pattern matches one of the endpoint's patterns read as a path (below the path
	 * prefix of the inventory), or the other way round, so that a rule over part of an endpoint's paths counts too.
	 * @return the report, without endpoints before {@link #index} was called
	 */
	public RequirementReport report() {
		Routes routes = this.routes;
		return this.listed.report(this.requirements, this.notEnforced.report(),
				(routes != null) ? routes.routes() : List.of());
	}

	/**
	 * Take the routes of a gateway in the application, as they are now: at startup and whenever they change. Until
	 * the first call, a request that a route may serve is looked up whatever it offers; then only one that does not
	 * meet what every route requires that may match its path (a route that says its path patterns matches only
	 * those, by their literal beginnings, as {@link #mayRefuse} tells a handler's; one that does not may match any).
	 * The log says how many routes there are, and what they require, when that changes.
	 * @param routes the routes, in the order the gateway matches them
	 * @throws InvalidRequirementException if a route's requirement is invalid
	 * @since 0.2.0
	 */
	public void routes(List<Route> routes) {
		ProtocolRequirement anyPath = ProtocolRequirement.none();
		Map<String, ProtocolRequirement> byPath = new LinkedHashMap<>();
		Map<String, Integer> counts = new TreeMap<>();
		Map<String, Integer> rollouts = new TreeMap<>();
		for (Route route : routes) {
			List<String> paths = route.paths();
			if (paths == null) {
				anyPath = anyPath.and(route.requirement());
			}
			else if (!route.requirement().isNone()) {
				paths.forEach((path) -> byPath.merge(path, route.requirement(), ProtocolRequirement::and));
			}
			if (!route.requirement().isNone()) {
				counts.merge(route.requirement().toString(), 1, Integer::sum);
				for (EndpointRequirements.Part part : this.requirements.partsOf(route)) {
					if (!part.rollout().isAlwaysEnforced()) {
						rollouts.merge(part.rollout().toString(), 1, Integer::sum);
						break;
					}
				}
			}
		}
		String summary = routesSummary(routes.size(), counts, rollouts);
		Routes previous = this.routes;
		this.routes = new Routes(List.copyOf(routes), anyPath, RequirementPrefixes.of(byPath), summary);
		if (previous == null || !previous.summary().equals(summary)) {
			logger.info(summary);
		}
	}

	private static String routesSummary(int size, Map<String, Integer> counts, Map<String, Integer> rollouts) {
		int protectedRoutes = counts.values().stream().mapToInt(Integer::intValue).sum();
		StringBuilder summary = new StringBuilder("upgrade-required: ").append(protectedRoutes).append(" of ")
			.append(size)
			.append((size == 1) ? " gateway route has a requirement" : " gateway routes have a requirement");
		if (protectedRoutes > 0) {
			StringJoiner each = new StringJoiner(", ", " (", ")");
			counts.forEach((requirement, count) -> each.add(requirement + ": " + count));
			summary.append(each);
		}
		if (!rollouts.isEmpty()) {
			StringJoiner each = new StringJoiner(", ", ", of which ", "");
			rollouts.forEach((rollout, count) -> each.add(count + " " + rollout));
			summary.append(each);
		}
		return summary.toString();
	}

	// The requests served although a requirement not enforced yet would have refused them, for the report.
	NotEnforcedCounts notEnforced() {
		return this.notEnforced;
	}

	/**
	 * Return the endpoints listed at startup, and the path rules, whose requirement includes a protocol: what cannot
	 * be met if the application never receives it. For {@link Protocol#WEBSOCKET}, only the endpoints that are no
	 * WebSocket handshake handler, which no request can meet.
	 * @param protocol the protocol
	 * @return each endpoint (its handler and patterns) and rule (its pattern), empty before {@link #index} was
	 * called but for the rules
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
	 * Return when what {@link #documentedRequirementOf(Object)} returns is enforced, where some of it is not
	 * enforced from the start.
	 * @param handler the handler
	 * @return each distinct rollout ({@code enforced}, {@code report-only}, {@code enforced from} an ISO-8601
	 * instant), comma-separated; {@code null} if all of it is enforced
	 * @since 0.2.0
	 */
	public @Nullable String documentedRolloutOf(Object handler) {
		return this.listed.documentedRolloutOf(handler, this.requirements);
	}

	/**
	 * Whether a path rule, or a handler resolved so far, requires a minimum TLS version.
	 * @return whether some endpoint requires a minimum TLS version
	 */
	public boolean requiresMinTlsVersion() {
		return this.requirements.requiresMinTlsVersion();
	}

	// The routes, what those that may match any path require together, what the others require by the literal
	// beginnings of their paths, and the log line that says how many there are.
	private record Routes(List<Route> routes, ProtocolRequirement anyPath, RequirementPrefixes byPath,
			String summary) {
	}

}
