package dev.upgraderequired.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequestFacts;
import org.jspecify.annotations.Nullable;

/**
 * The requirements of some path patterns, by the literal text each pattern starts with: a quick, allocation-free
 * test of whether a request path may match one of the patterns, and whether the requirement of such a pattern may
 * refuse the request. The start of the path is compared with each pattern's literal beginning, ignoring case; the
 * answer is never "no" for a path that a pattern matches, and may be "yes" for one that none does.
 * <p>
 * The literal beginnings are kept in a tree of characters, so a path is compared in one walk over its characters,
 * however many patterns there are.
 * <p>
 * Only plain paths are compared: a path with percent-encoding, {@code ;} parameters, backslashes, empty or dot
 * segments or characters outside printable ASCII may mean something else once a server or a path-matching
 * strategy has decoded or normalized it, so it may match every pattern.
 *
 * @author upgrade-required
 */
final class RequirementPrefixes {

	private static final RequirementPrefixes NONE = new RequirementPrefixes(Map.of());

	private final Node root = new Node();

	private final boolean empty;

	private final ProtocolRequirement all;

	private RequirementPrefixes(Map<String, ProtocolRequirement> byPrefix) {
		this.empty = byPrefix.isEmpty();
		ProtocolRequirement all = ProtocolRequirement.none();
		for (Map.Entry<String, ProtocolRequirement> entry : byPrefix.entrySet()) {
			this.root.add(entry.getKey(), 0, entry.getValue());
			all = all.and(entry.getValue());
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
		byPattern.forEach((pattern, requirement) -> byPrefix.merge(literalPrefix(pattern).toLowerCase(Locale.ROOT),
				requirement, ProtocolRequirement::and));
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
		if (this.empty) {
			return false;
		}
		if (!isPlain(rawPath, from)) {
			return true;
		}
		Node node = this.root;
		for (int i = from; node != null; i++) {
			if (node.requirement != null) {
				return true;
			}
			node = (i < rawPath.length()) ? node.child(rawPath.charAt(i)) : null;
		}
		return false;
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
		if (this.empty) {
			return false;
		}
		if (!isPlain(rawPath, from)) {
			return UpgradeDecider.decide(this.all, request, facts) != null;
		}
		Node node = this.root;
		for (int i = from; node != null; i++) {
			if (node.requirement != null && UpgradeDecider.decide(node.requirement, request, facts) != null) {
				return true;
			}
			node = (i < rawPath.length()) ? node.child(rawPath.charAt(i)) : null;
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

	/**
	 * A character of some literal beginnings, with the requirement of those that end here. Children are sorted by
	 * character once the tree is built; a path holds printable ASCII only when it is compared, so a node has fewer
	 * than a hundred children whatever the number of patterns.
	 */
	private static final class Node {

		private char[] characters = new char[0];

		private Node[] children = new Node[0];

		private @Nullable ProtocolRequirement requirement;

		// Children stay sorted by character as they are added, so a path finds each one by binary search.
		void add(String prefix, int index, ProtocolRequirement requirement) {
			if (index == prefix.length()) {
				this.requirement = (this.requirement != null) ? this.requirement.and(requirement) : requirement;
				return;
			}
			char c = prefix.charAt(index);
			int found = Arrays.binarySearch(this.characters, c);
			if (found < 0) {
				found = -found - 1;
				this.characters = insert(this.characters, found, c);
				Node[] children = Arrays.copyOf(this.children, this.children.length + 1);
				System.arraycopy(children, found, children, found + 1, children.length - found - 1);
				children[found] = new Node();
				this.children = children;
			}
			this.children[found].add(prefix, index + 1, requirement);
		}

		private static char[] insert(char[] characters, int at, char c) {
			char[] inserted = Arrays.copyOf(characters, characters.length + 1);
			System.arraycopy(inserted, at, inserted, at + 1, inserted.length - at - 1);
			inserted[at] = c;
			return inserted;
		}

		// Prefixes are lower case: a path's letters are compared in lower case too.
		@Nullable Node child(char c) {
			char lower = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
			int found = Arrays.binarySearch(this.characters, lower);
			return (found >= 0) ? this.children[found] : null;
		}

	}

	// A plain path reads the same parsed and normalized: no decoding, no parameters, no segment to drop.
	static boolean isPlain(String path, int from) {
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
