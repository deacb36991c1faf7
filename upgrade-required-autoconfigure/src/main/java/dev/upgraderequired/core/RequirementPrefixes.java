package dev.upgraderequired.core;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.upgraderequired.ProtocolRequirement;

/**
 * The requirements of some path patterns, by the literal text each pattern starts with: a quick, allocation-free
 * test of whether a request path may match one of the patterns, and whether the requirement of such a pattern may
 * refuse the request. The start of the path is compared with each pattern's literal beginning, ignoring case; the
 * answer is never "no" for a path that a pattern matches, and may be "yes" for one that none does.
 * <p>
 * Only plain paths are compared: a path with percent-encoding, {@code ;} parameters, backslashes, empty or dot
 * segments or characters outside printable ASCII may mean something else once a server or a path-matching
 * strategy has decoded or normalized it, so it may match every pattern.
 *
 * @author upgrade-required
 */
final class RequirementPrefixes {

	private static final RequirementPrefixes NONE = new RequirementPrefixes(Map.of());

	private final String[] prefixes;

	private final ProtocolRequirement[] requirements;

	private final ProtocolRequirement all;

	private RequirementPrefixes(Map<String, ProtocolRequirement> byPrefix) {
		this.prefixes = byPrefix.keySet().toArray(new String[0]);
		this.requirements = byPrefix.values().toArray(new ProtocolRequirement[0]);
		ProtocolRequirement all = ProtocolRequirement.none();
		for (ProtocolRequirement requirement : this.requirements) {
			all = all.and(requirement);
		}
		this.all = all;
	}

	/**
	 * Return the prefixes of some patterns with their requirements.
	 * @param byPattern requirements by pattern, in Spring's {@code PathPattern} or {@code AntPathMatcher} syntax
	 * @return the prefixes, each with the combined requirement of the patterns that start with it
	 */
	static RequirementPrefixes of(Map<String, ProtocolRequirement> byPattern) {
		if (byPattern.isEmpty()) {
			return NONE;
		}
		Map<String, ProtocolRequirement> byPrefix = new LinkedHashMap<>();
		byPattern.forEach((pattern, requirement) -> byPrefix.merge(literalPrefix(pattern), requirement,
				ProtocolRequirement::and));
		return new RequirementPrefixes(byPrefix);
	}

	/**
	 * Return the prefixes of no pattern: no path may match.
	 * @return the prefixes
	 */
	static RequirementPrefixes none() {
		return NONE;
	}

	/**
	 * Whether a path may match one of the patterns.
	 * @param rawPath the request path as received, still percent-encoded
	 * @param from the index in {@code rawPath} where the path the patterns apply to starts (after the context
	 * path, for example)
	 * @return {@code false} only if no pattern matches the path
	 */
	boolean mayMatch(String rawPath, int from) {
		return this.prefixes.length > 0 && (!isPlain(rawPath, from) || nextMatch(rawPath, from, 0) >= 0);
	}

	/**
	 * Whether the requirement of a pattern that may match the request's path may refuse the request. A path that
	 * is not plain may match every pattern.
	 * @param <R> the type of request
	 * @param rawPath the request path as received, still percent-encoded
	 * @param from the index in {@code rawPath} where the path the patterns apply to starts
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return {@code false} only if the requirements of all patterns that match the path are met
	 */
	<R> boolean mayRefuse(String rawPath, int from, R request, RequestFacts<R> facts) {
		if (this.prefixes.length == 0) {
			return false;
		}
		if (!isPlain(rawPath, from)) {
			return UpgradeDecider.decide(this.all, request, facts) != null;
		}
		for (int i = nextMatch(rawPath, from, 0); i >= 0; i = nextMatch(rawPath, from, i + 1)) {
			if (UpgradeDecider.decide(this.requirements[i], request, facts) != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the combination of every pattern's requirement: what a path that may match every pattern requires.
	 * @return the combined requirement, {@link ProtocolRequirement#none()} if there is no pattern
	 */
	ProtocolRequirement all() {
		return this.all;
	}

	// The index of the first prefix from start that the path starts with, or -1.
	private int nextMatch(String rawPath, int from, int start) {
		for (int i = start; i < this.prefixes.length; i++) {
			if (rawPath.regionMatches(true, from, this.prefixes[i], 0, this.prefixes[i].length())) {
				return i;
			}
		}
		return -1;
	}

	// A plain path reads the same parsed and normalized: no decoding, no parameters, no segment to drop.
	private static boolean isPlain(String path, int from) {
		if (from >= path.length()) {
			return false;
		}
		char previous = 0;
		for (int i = from; i < path.length(); i++) {
			char c = path.charAt(i);
			boolean encodedOrParameter = c == '%' || c == ';' || c == '\\';
			boolean emptyOrDotSegment = previous == '/' && (c == '/' || c == '.');
			if (c <= ' ' || c > '~' || encodedOrParameter || emptyOrDotSegment) {
				return false;
			}
			previous = c;
		}
		return true;
	}

	// The text before the first wildcard or variable, without a last '/' (which "/**" may match without), or empty
	// if the pattern is not plain ASCII.
	private static String literalPrefix(String pattern) {
		int end = 0;
		while (end < pattern.length() && "*?{".indexOf(pattern.charAt(end)) < 0) {
			if (pattern.charAt(end) > '~') {
				return "";
			}
			end++;
		}
		return pattern.substring(0, (end > 0 && pattern.charAt(end - 1) == '/') ? end - 1 : end);
	}

}
