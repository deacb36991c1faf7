package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
	 * @return the report
	 */
	RequirementReport report(EndpointRequirements requirements) {
		List<PathRule> rules = requirements.rules();
		List<RequirementReport.Endpoint> endpoints = new ArrayList<>();
		for (HandlerInventory.Entry entry : this.entries) {
			List<RequirementReport.Source> sources = new ArrayList<>();
			ProtocolRequirement requirement = ProtocolRequirement.none();
			for (EndpointRequirements.Part part : requirements.partsOf(entry.handler())) {
				sources.add(new RequirementReport.Source(part.source().tag(), part.requirement().toString(), null));
				requirement = requirement.and(part.requirement());
			}
			for (PathRule rule : rulesOverlapping(rules, entry.patterns())) {
				sources.add(new RequirementReport.Source(RequirementSource.RULE.tag(), rule.requirement().toString(),
						rule.pattern().getPatternString()));
				requirement = requirement.and(rule.requirement());
			}
			endpoints.add(new RequirementReport.Endpoint(entry.description(), entry.patterns(), entry.methods(),
					requirement.toString(), List.copyOf(sources)));
		}
		List<RequirementReport.Rule> configured = rules.stream()
			.map((rule) -> new RequirementReport.Rule(rule.pattern().getPatternString(), rule.requirement().toString()))
			.toList();
		return new RequirementReport(List.copyOf(endpoints), configured, this.unlisted);
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
		for (HandlerInventory.Entry entry : this.entries) {
			ProtocolRequirement requirement = ProtocolRequirement.none();
			boolean handshakeHandler = false;
			for (EndpointRequirements.Part part : requirements.partsOf(entry.handler())) {
				requirement = requirement.and(part.requirement());
				handshakeHandler |= part.source() == RequirementSource.WEBSOCKET;
			}
			for (PathRule rule : rulesOverlapping(requirements.rules(), entry.patterns())) {
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
		List<String> patterns = this.patternsByHandler.get(key(handler));
		if (patterns != null) {
			for (PathRule rule : rulesOverlapping(requirements.rules(), patterns)) {
				requirement = requirement.and(rule.requirement());
			}
		}
		return requirement;
	}

	// The rules whose pattern matches one of the handler's patterns (below the path prefix) read as a path, or the
	// other way round.
	private List<PathRule> rulesOverlapping(List<PathRule> rules, List<String> patterns) {
		List<PathRule> overlapping = new ArrayList<>();
		for (PathRule rule : rules) {
			for (String pattern : patterns) {
				if (overlaps(rule, this.pathPrefix + pattern)) {
					overlapping.add(rule);
					break;
				}
			}
		}
		return overlapping;
	}

	private static boolean overlaps(PathRule rule, String pattern) {
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

}
