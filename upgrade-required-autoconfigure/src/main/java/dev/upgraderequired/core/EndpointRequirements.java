package dev.upgraderequired.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.method.HandlerMethod;

/**
 * What each endpoint requires: the requirements of handlers, resolved once per handler and cached, and the path
 * rules from configuration.
 * <p>
 * Looking up a handler that was seen before costs two hash lookups and allocates nothing, including for handlers
 * without a requirement. Handlers that are not a {@link HandlerMethod} are resolved once per handler class; a gateway's {@link Route}
 * says what it requires itself.
 *
 * @author upgrade-required
 */
final class EndpointRequirements {

	private final PathRule[] rules;

	// What every path a rule matches starts with.
	private final RequirementPrefixes prefixes;

	private final List<HandlerRequirementResolver> resolvers;

	// When a handler's requirement is enforced unless its annotation says otherwise.
	private final Rollout rollout;

	// Whether some rule, or the default, is not always enforced.
	private final boolean rulesOrDefaultRollOut;

	// Keyed by bean type, then by method (or by class again for handlers that are not methods): a method inherited
	// by two controllers can carry different class-level requirements.
	private final ConcurrentMap<Class<?>, ConcurrentMap<Object, Resolved>> cache = new ConcurrentHashMap<>();

	/**
	 * Create an instance.
	 * @param rules the path rules
	 * @param resolvers the strategies that tell what a handler requires; their answers are combined
	 * @param rollout when what a handler requires is enforced, unless its {@code @RequiresProtocol} says
	 */
	EndpointRequirements(List<PathRule> rules, List<HandlerRequirementResolver> resolvers, Rollout rollout) {
		this.rules = rules.toArray(new PathRule[0]);
		this.prefixes = RequirementPrefixes.of(rulesByPattern(this.rules));
		this.resolvers = List.copyOf(resolvers);
		this.rollout = rollout;
		this.rulesOrDefaultRollOut = !rollout.isAlwaysEnforced()
				|| rules.stream().anyMatch((rule) -> !rule.rollout().isAlwaysEnforced());
	}

	/**
	 * Return what a handler requires.
	 * @param handler the handler
	 * @return the requirement, {@link ProtocolRequirement#none()} if there is none
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	ProtocolRequirement forHandler(Object handler) {
		return resolved(handler).requirement();
	}

	/**
	 * Return what a handler requires, part by part: what each resolver that has something to say about it found.
	 * @param handler the handler
	 * @return the parts, empty if the handler has no requirement
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	List<Part> partsOf(Object handler) {
		return resolved(handler).parts();
	}

	private Resolved resolved(Object handler) {
		if (handler instanceof Route route) {
			return resolved(route);
		}
		Class<?> type;
		Object key;
		if (handler instanceof HandlerMethod handlerMethod) {
			type = handlerMethod.getBeanType();
			key = handlerMethod.getMethod();
		}
		else {
			// By class, so that a handler mapping that creates handler instances per request cannot grow the cache.
			type = handler.getClass();
			key = type;
		}
		ConcurrentMap<Object, Resolved> byKey = this.cache.get(type);
		if (byKey != null) {
			Resolved cached = byKey.get(key);
			if (cached != null) {
				return cached;
			}
		}
		Resolved resolved = resolve(handler);
		this.cache.computeIfAbsent(type, (t) -> new ConcurrentHashMap<>()).put(key, resolved);
		return resolved;
	}

	// A route says what it requires itself; it is worked out once per route, never cached here: routes come and go.
	private Resolved resolved(Route route) {
		Resolved resolved = route.resolved;
		if (resolved == null) {
			List<Part> parts = new ArrayList<>(route.parts().size());
			boolean rollsOut = false;
			for (Route.Part part : route.parts()) {
				Rollout rollout = (part.rollout() != null) ? part.rollout() : this.rollout;
				parts.add(new Part(RequirementSource.ROUTE, part.requirement(), rollout));
				rollsOut |= !rollout.isAlwaysEnforced();
			}
			resolved = new Resolved(route.requirement(), List.copyOf(parts), rollsOut);
			route.resolved = resolved;
		}
		return resolved;
	}

	private Resolved resolve(Object handler) {
		ProtocolRequirement requirement = ProtocolRequirement.none();
		List<Part> parts = new ArrayList<>(1);
		boolean rollsOut = false;
		for (HandlerRequirementResolver resolver : this.resolvers) {
			ProtocolRequirement resolved = resolver.resolve(handler);
			if (resolved != null && !resolved.isNone()) {
				Rollout rollout = (resolver instanceof RequiresProtocolResolver annotations)
						? annotations.rolloutOf(handler, this.rollout) : this.rollout;
				requirement = requirement.and(resolved);
				parts.add(new Part(resolver.source(), resolved, rollout));
				rollsOut |= !rollout.isAlwaysEnforced();
			}
		}
		return new Resolved(requirement, List.copyOf(parts), rollsOut);
	}

	/**
	 * Return when a handler's requirement is enforced, unless its annotation says otherwise.
	 * @return the default rollout
	 */
	Rollout defaultRollout() {
		return this.rollout;
	}

	/**
	 * Whether some part of a handler's requirement, some rule, or the default for every requirement is not always
	 * enforced, so that a request it refuses is to be decided by {@link #enforcedAt}; free for a handler seen before.
	 * @param handler the handler, {@code null} for none
	 * @return whether the handler or a rule rolls out
	 */
	boolean rollsOut(@Nullable Object handler) {
		return this.rulesOrDefaultRollOut || (handler != null && resolved(handler).rollsOut());
	}

	/**
	 * Return the part of what a request requires, by its handler and the path rules that match its path, that is
	 * enforced at a time.
	 * @param handler the handler, {@code null} for none
	 * @param rules the rules that match the request's path ({@link #rulesFor})
	 * @param nowMillis the time, in milliseconds since the epoch
	 * @return the requirement enforced then
	 */
	ProtocolRequirement enforcedAt(@Nullable Object handler, List<PathRule> rules, long nowMillis) {
		ProtocolRequirement requirement = ProtocolRequirement.none();
		if (handler != null) {
			for (Part part : partsOf(handler)) {
				if (part.rollout().isEnforcedAt(nowMillis)) {
					requirement = requirement.and(part.requirement());
				}
			}
		}
		for (PathRule rule : rules) {
			if (rule.rollout().isEnforcedAt(nowMillis)) {
				requirement = requirement.and(rule.requirement());
			}
		}
		return requirement;
	}

	/**
	 * Return a handler's requirement combined with what the path rules require of the request path; free when no
	 * rule is configured.
	 * @param handlerRequirement what the handler requires
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @return the combined requirement
	 * @see #forPath(String, String)
	 */
	ProtocolRequirement withPathRules(ProtocolRequirement handlerRequirement, String rawPath,
			String contextPath) {
		return (this.rules.length > 0) ? handlerRequirement.and(forPath(rawPath, contextPath)) : handlerRequirement;
	}

	/**
	 * Return what the path rules require of a request path: the combination of every matching rule.
	 * <p>
	 * Rules are matched against the path within the application (after the context path, servlet path
	 * included), both as parsed (percent-decoded segments, without {@code ;} parameters) and in a normalized form
	 * without empty and dot segments, so that no spelling of a path that a server or a path-matching strategy
	 * would route to the same place dodges a rule. A plain path (no percent-encoding, {@code ;}, empty or dot
	 * segments) that starts with the literal beginning of no rule is answered without allocating; other paths
	 * allocate a little per rule.
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @return the requirement, {@link ProtocolRequirement#none()} if no rule matches
	 */
	ProtocolRequirement forPath(String rawPath, String contextPath) {
		return match(rawPath, contextPath, null);
	}

	/**
	 * Return the path rules that match a request path, as {@link #forPath} matches them.
	 * @param rawPath the request path as received, still percent-encoded
	 * @param contextPath the context path prefix of {@code rawPath}, empty if none
	 * @return the matching rules, in the order they are configured
	 */
	List<PathRule> rulesFor(String rawPath, String contextPath) {
		if (this.rules.length == 0) {
			return List.of();
		}
		List<PathRule> matching = new ArrayList<>();
		match(rawPath, contextPath, matching);
		return matching;
	}

	/**
	 * Whether every resolver is one of the starter's, so that a handler method's requirement can only come from its
	 * annotations.
	 * @return whether the application has no resolver of its own
	 */
	boolean onlyAnnotationsOnHandlerMethods() {
		for (HandlerRequirementResolver resolver : this.resolvers) {
			if (resolver.source() == RequirementSource.RESOLVER) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the path rules.
	 * @return the rules, in the order they are configured
	 */
	List<PathRule> rules() {
		return List.of(this.rules);
	}

	// The combined requirement of the rules that match, which are added to "matching" unless it is null.
	private ProtocolRequirement match(String rawPath, String contextPath, @Nullable List<PathRule> matching) {
		if (this.rules.length == 0) {
			return ProtocolRequirement.none();
		}
		// A path nobody can read (broken percent-encoding, a context path that is not its prefix) is held to every
		// rule.
		if (!rawPath.startsWith(contextPath)) {
			return everyRule(matching);
		}
		if (!this.prefixes.mayMatch(rawPath, contextPath.length())) {
			return ProtocolRequirement.none();
		}
		PathContainer parsed;
		try {
			parsed = RequestPath.parse(rawPath, contextPath).pathWithinApplication();
		}
		catch (IllegalArgumentException ex) {
			return everyRule(matching);
		}
		PathContainer normalized = normalize(parsed);
		ProtocolRequirement requirement = ProtocolRequirement.none();
		for (PathRule rule : this.rules) {
			if (rule.matches(parsed) || (normalized != null && rule.matches(normalized))) {
				requirement = requirement.and(rule.requirement());
				if (matching != null) {
					matching.add(rule);
				}
			}
		}
		return requirement;
	}

	private ProtocolRequirement everyRule(@Nullable List<PathRule> matching) {
		if (matching != null) {
			matching.addAll(Arrays.asList(this.rules));
		}
		return this.prefixes.all();
	}

	// The path without empty, "." and ".." segments, or null when that is the parsed path itself.
	private static @Nullable PathContainer normalize(PathContainer path) {
		Deque<String> segments = new ArrayDeque<>();
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment) {
				String value = segment.valueToMatch();
				if (value.equals("..")) {
					segments.pollLast();
				}
				else if (!value.isEmpty() && !value.equals(".")) {
					segments.addLast(value);
				}
			}
		}
		StringBuilder normalized = new StringBuilder(path.value().length() + 1);
		for (String segment : segments) {
			// Escaped so that reparsing neither decodes twice nor sees path parameters.
			normalized.append('/').append(segment.replace("%", "%25").replace(";", "%3B"));
		}
		if (normalized.isEmpty()) {
			normalized.append('/');
		}
		String value = normalized.toString();
		return value.equals(path.value()) ? null : PathContainer.parsePath(value);
	}

	/**
	 * Return the requirements of the path rules by the literal beginning of their patterns, for a quick test of
	 * whether a rule may refuse a request.
	 * @return the prefixes of the rules
	 */
	RequirementPrefixes pathRulePrefixes() {
		return this.prefixes;
	}

	private static Map<String, ProtocolRequirement> rulesByPattern(PathRule[] rules) {
		Map<String, ProtocolRequirement> byPattern = new LinkedHashMap<>();
		for (PathRule rule : rules) {
			byPattern.merge(rule.pattern().getPatternString(), rule.requirement(), ProtocolRequirement::and);
		}
		return byPattern;
	}

	/**
	 * Whether a path rule, or a handler resolved so far, requires a minimum TLS version.
	 * @return whether some endpoint requires a minimum TLS version
	 */
	boolean requiresMinTlsVersion() {
		for (PathRule rule : this.rules) {
			if (rule.requirement().minTlsVersion() != TlsVersion.ANY) {
				return true;
			}
		}
		for (Map<Object, Resolved> byKey : this.cache.values()) {
			for (Resolved resolved : byKey.values()) {
				if (resolved.requirement().minTlsVersion() != TlsVersion.ANY) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * What one resolver found that a handler requires.
	 * @param source where the requirement comes from
	 * @param requirement the requirement
	 * @param rollout when it is enforced
	 */
	record Part(RequirementSource source, ProtocolRequirement requirement, Rollout rollout) {
	}

	// A handler's requirement, what each resolver contributed to it, and whether some part is not always enforced.
	record Resolved(ProtocolRequirement requirement, List<Part> parts, boolean rollsOut) {
	}

}
