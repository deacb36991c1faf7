package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;

/**
 * The handlers that an adapter listed at startup, as the policy remembers them: for the pattern a refusal is counted
 * under, the actuator endpoint's report and API documentation.
 *
 * @author upgrade-required
 */
final class ListedHandlers {

	static final ListedHandlers NONE = new ListedHandlers(new HandlerInventory(), List.of());

	private final List<HandlerInventory.Entry> entries;

	private final List<String> unlisted;

	private final String pathPrefix;

	// The patterns of each listed handler (of each method, for handler methods).
	private final Map<Object, List<String>> patternsByHandler = new HashMap<>();

	// The patterns of the listed handlers and of the rules: the only values of a refusal's pattern.
	private final Set<String> knownPatterns = new HashSet<>();

	// The rules over each entry's patterns, by the entry's position.
	private final List<List<PathRule>> rulesByEntry;

	// The rules over each listed handler's patterns.
	private final Map<Object, List<PathRule>> rulesByHandler = new HashMap<>();

	ListedHandlers(HandlerInventory inventory, List<PathRule> rules) {
		this.entries = List.copyOf(inventory.entries());
		this.unlisted = List.copyOf(inventory.unlisted());
		this.pathPrefix = inventory.pathPrefix();
		for (HandlerInventory.Entry entry : this.entries) {
			this.patternsByHandler.computeIfAbsent(key(entry.handler()), (handler) -> new ArrayList<>())
				.addAll(entry.patterns());
			this.knownPatterns.addAll(entry.patterns());
		}
		rules.forEach((rule) -> this.knownPatterns.add(rule.pattern().getPatternString()));
		List<RuleStart> starts = rules.stream().map(RuleStart::of).toList();
		this.rulesByEntry = this.entries.stream().map((entry) -> rulesOverlapping(starts, entry.patterns())).toList();
		this.patternsByHandler
			.forEach((handler, patterns) -> this.rulesByHandler.put(handler, rulesOverlapping(starts, patterns)));
	}

	/**
	 * Return the pattern a refusal is counted under: the one the handler mapping says matched, if a listed handler or
	 * a rule has it (a mapping may expose the request's own path as its "pattern"); else the handler's only pattern;
	 * else {@link UpgradePolicy#UNKNOWN_PATTERN}.
	 * @param handler the handler, {@code null} if none is known
	 * @param handlerPattern the pattern the handler mapping exposed, {@code null} if none
	 * @return the pattern
	 */
	String patternOf(@Nullable Object handler, @Nullable String handlerPattern) {
		if (handlerPattern != null && this.knownPatterns.contains(handlerPattern)) {
			return handlerPattern;
		}
		List<String> patterns = (handler != null) ? this.patternsByHandler.get(key(handler)) : null;
		return (patterns != null && patterns.size() == 1) ? patterns.get(0) : UpgradePolicy.UNKNOWN_PATTERN;
	}

	/**
	 * Whether a handler was listed at startup with a pattern.
	 * @param handler the handler
	 * @param pattern the pattern its mapping matched, {@code null} if it did not say
	 * @return whether the handler and the pattern were listed together
	 */
	boolean lists(Object handler, @Nullable String pattern) {
		List<String> patterns = this.patternsByHandler.get(key(handler));
		return pattern != null && patterns != null && patterns.contains(pattern);
	}

	// A handler method by its method: a mapping hands out copies of it with the bean resolved, which are not equal.
	private static Object key(Object handler) {
		return (handler instanceof HandlerMethod handlerMethod) ? handlerMethod.getMethod() : handler;
	}

	/**
	 * Return what every listed handler requires and where it comes from, and the rules.
	 * @param requirements the requirements of handlers and the rules
	 * @param notEnforced the requests served although a requirement not enforced yet would have refused them
	 * @param routes the gateway's routes as they are now
	 * @return the report
	 */
	RequirementReport report(EndpointRequirements requirements, List<RequirementReport.NotEnforced> notEnforced,
			List<Route> routes) {
		List<PathRule> rules = requirements.rules();
		List<RequirementReport.Endpoint> endpoints = new ArrayList<>();
		for (int i = 0; i < this.entries.size(); i++) {
			HandlerInventory.Entry entry = this.entries.get(i);
			List<RequirementReport.Source> sources = new ArrayList<>();
			ProtocolRequirement requirement = ProtocolRequirement.none();
			for (EndpointRequirements.Part part : requirements.partsOf(entry.handler())) {
				sources.add(new RequirementReport.Source(part.source().tag(), part.requirement().toString(), null,
						part.rollout().toString()));
				requirement = requirement.and(part.requirement());
			}
			for (PathRule rule : this.rulesByEntry.get(i)) {
				sources.add(new RequirementReport.Source(RequirementSource.RULE.tag(), rule.requirement().toString(),
						rule.pattern().getPatternString(), rule.rollout().toString()));
				requirement = requirement.and(rule.requirement());
			}
			endpoints.add(new RequirementReport.Endpoint(entry.description(), entry.patterns(), entry.methods(),
					requirement.toString(), List.copyOf(sources)));
		}
		List<RequirementReport.Rule> configured = rules.stream()
			.map((rule) -> new RequirementReport.Rule(rule.pattern().getPatternString(), rule.requirement().toString(),
					rule.rollout().toString()))
			.toList();
		List<RequirementReport.GatewayRoute> gatewayRoutes = new ArrayList<>(routes.size());
		for (Route route : routes) {
			Set<String> rollouts = new TreeSet<>();
			requirements.partsOf(route).forEach((part) -> rollouts.add(part.rollout().toString()));
			gatewayRoutes.add(new RequirementReport.GatewayRoute(route.id(), route.target(),
					route.requirement().toString(),
					rollouts.isEmpty() ? Rollout.ENFORCED.toString() : String.join(", ", rollouts)));
		}
		return new RequirementReport(List.copyOf(endpoints), configured, this.unlisted, notEnforced,
				List.copyOf(gatewayRoutes));
	}

	/**
	 * Return the listed endpoints, and the rules, whose requirement includes a protocol. For {@link Protocol#WEBSOCKET},
	 * only the endpoints that are no WebSocket handshake handler (whose requirement no such handler met).
	 * @param protocol the protocol
	 * @param requirements the requirements of handlers and the rules
	 * @return each endpoint's description with its patterns, and each rule's pattern
	 */
	List<String> requiring(Protocol protocol, EndpointRequirements requirements) {
		List<String> requiring = new ArrayList<>();
		for (int i = 0; i < this.entries.size(); i++) {
			HandlerInventory.Entry entry = this.entries.get(i);
			ProtocolRequirement requirement = ProtocolRequirement.none();
			boolean handshakeHandler = false;
			for (EndpointRequirements.Part part : requirements.partsOf(entry.handler())) {
				requirement = requirement.and(part.requirement());
				handshakeHandler |= part.source() == RequirementSource.WEBSOCKET;
			}
			for (PathRule rule : this.rulesByEntry.get(i)) {
				requirement = requirement.and(rule.requirement());
			}
			if (includes(requirement, protocol) && !(protocol == Protocol.WEBSOCKET && handshakeHandler)) {
				requiring.add(entry.description() + " " + entry.patterns());
			}
		}
		if (protocol != Protocol.WEBSOCKET) {
			for (PathRule rule : requirements.rules()) {
				if (includes(rule.requirement(), protocol)) {
					requiring.add("rule " + rule.pattern().getPatternString());
				}
			}
		}
		return requiring;
	}

	private static boolean includes(ProtocolRequirement requirement, Protocol protocol) {
		return switch (protocol) {
			case TLS -> requirement.requiresTls();
			case HTTP_2 -> requirement.requiresHttp2();
			case WEBSOCKET -> requirement.requiresWebSocket();
		};
	}

	/**
	 * Return what a handler requires, with the rules over its patterns.
	 * @param handler the handler
	 * @param requirements the requirements of handlers and the rules
	 * @return the requirement
	 */
	ProtocolRequirement documentedRequirementOf(Object handler, EndpointRequirements requirements) {
		ProtocolRequirement requirement = requirements.forHandler(handler);
		for (PathRule rule : this.rulesByHandler.getOrDefault(key(handler), List.of())) {
			requirement = requirement.and(rule.requirement());
		}
		return requirement;
	}

	/**
	 * Return when what a handler requires (with the rules over its patterns) is enforced, where some of it is not
	 * enforced from the start.
	 * @param handler the handler
	 * @param requirements the requirements of handlers and the rules
	 * @return each distinct rollout, such as {@code report-only} or {@code enforced from 2027-03-01T00:00:00Z},
	 * comma-separated; {@code null} if all of it is enforced
	 */
	@Nullable String documentedRolloutOf(Object handler, EndpointRequirements requirements) {
		Set<Rollout> rollouts = new LinkedHashSet<>();
		requirements.partsOf(handler).forEach((part) -> rollouts.add(part.rollout()));
		this.rulesByHandler.getOrDefault(key(handler), List.of()).forEach((rule) -> rollouts.add(rule.rollout()));
		return rollouts.stream().allMatch(Rollout::isAlwaysEnforced) ? null
				: String.join(", ", rollouts.stream().map(Rollout::toString).toList());
	}

	// The rules whose pattern matches one of the handler's patterns (below the path prefix) read as a path, or the
	// other way round. Worked out once, at startup: matching every pattern against every rule would cost seconds in
	// an application with thousands of endpoints and hundreds of rules (and leave the JIT compiler a profile of
	// Spring's pattern matching unlike the one of its request mappings), so a rule is only matched against a pattern
	// whose literal start agrees with its own.
	private List<PathRule> rulesOverlapping(List<RuleStart> rules, List<String> patterns) {
		List<String> prefixed = patterns.stream().map((pattern) -> this.pathPrefix + pattern).toList();
		List<String> starts = prefixed.stream().map(ListedHandlers::literalStart).toList();
		List<PathRule> overlapping = new ArrayList<>();
		for (RuleStart rule : rules) {
			for (int i = 0; i < prefixed.size(); i++) {
				if (rule.mayOverlap(starts.get(i)) && overlaps(rule.rule(), prefixed.get(i))) {
					overlapping.add(rule.rule());
					break;
				}
			}
		}
		return List.copyOf(overlapping);
	}

	static boolean overlaps(PathRule rule, String pattern) {
		if (!pattern.startsWith("/")) {
			return false;
		}
		if (rule.matches(PathContainer.parsePath(pattern))) {
			return true;
		}
		try {
			return PathRule.parse(pattern).matches(PathContainer.parsePath(rule.pattern().getPatternString()));
		}
		catch (IllegalArgumentException ex) {
			// Not in PathPattern syntax (an AntPathMatcher pattern): read as a path only.
			return false;
		}
	}

	// A pattern's literal start: its text before the first character that may match other text (a variable, a
	// wildcard), that a path's parsing changes (an encoded character, parameters), or that may equal another when case
	// is ignored (beyond ASCII). A pattern read as a path matches another pattern only if the literal start of one
	// begins the other's, ignoring case.
	static String literalStart(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '{' || c == '*' || c == '?' || c == '%' || c == ';' || c > 0x7E) {
				return pattern.substring(0, i);
			}
		}
		return pattern;
	}

	// A rule with its pattern's literal start.
	private record RuleStart(PathRule rule, String start) {

		static RuleStart of(PathRule rule) {
			return new RuleStart(rule, literalStart(rule.pattern().getPatternString()));
		}

		boolean mayOverlap(String otherStart) {
			return this.start.regionMatches(true, 0, otherStart, 0, Math.min(this.start.length(), otherStart.length()));
		}

	}

}
