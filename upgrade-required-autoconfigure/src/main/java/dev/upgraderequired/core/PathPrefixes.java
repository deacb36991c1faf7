package dev.upgraderequired.core;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A quick, allocation-free test of whether a request path may match one of some path patterns: the literal text
 * each pattern starts with is compared with the start of the path, ignoring case. It never answers "no" for a path
 * that a pattern matches; it may answer "yes" for one that none does.
 * <p>
 * Only plain paths are compared: a path with percent-encoding, {@code ;} parameters, backslashes, empty or dot
 * segments or characters outside printable ASCII may mean something else once a server or a path-matching
 * strategy has decoded or normalized it, so it always may match.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class PathPrefixes {

	private static final PathPrefixes NONE = new PathPrefixes(new String[0]);

	private final String[] prefixes;

	private PathPrefixes(String[] prefixes) {
		this.prefixes = prefixes;
	}

	/**
	 * Return the prefixes of some patterns.
	 * @param patterns patterns in Spring's {@code PathPattern} or {@code AntPathMatcher} syntax
	 * @return the prefixes
	 */
	public static PathPrefixes of(Collection<String> patterns) {
		if (patterns.isEmpty()) {
			return NONE;
		}
		Set<String> prefixes = new LinkedHashSet<>();
		for (String pattern : patterns) {
			prefixes.add(literalPrefix(pattern));
		}
		// The empty prefix starts every path: the others add nothing.
		return new PathPrefixes(prefixes.contains("") ? new String[] { "" } : prefixes.toArray(new String[0]));
	}

	/**
	 * Return the prefixes of no pattern: no path may match.
	 * @return the prefixes
	 */
	public static PathPrefixes none() {
		return NONE;
	}

	/**
	 * Whether a path may match one of the patterns.
	 * @param rawPath the request path as received, still percent-encoded
	 * @param from the index in {@code rawPath} where the path the patterns apply to starts (after the context
	 * path, for example)
	 * @return {@code false} only if no pattern matches the path
	 */
	public boolean mayMatch(String rawPath, int from) {
		if (this.prefixes.length == 0) {
			return false;
		}
		if (!isPlain(rawPath, from)) {
			return true;
		}
		for (String prefix : this.prefixes) {
			if (rawPath.regionMatches(true, from, prefix, 0, prefix.length())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a path reads the same parsed and normalized: no decoding, no parameters, no segment to drop.
	 * @param path the path
	 * @param from where to start reading
	 * @return whether the path from {@code from} is plain and not empty
	 */
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
