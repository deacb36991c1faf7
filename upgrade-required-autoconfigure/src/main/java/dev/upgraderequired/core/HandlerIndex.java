package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.upgraderequired.ProtocolRequirement;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The path patterns of every listed handler, as their handler mappings parsed them, with each handler's requirement
 * and mapping: which handlers a request path is for, found without asking the mappings.
 * <p>
 * Patterns are kept in a tree by the literal segments they start with (in lower case, so that a mapping that
 * ignores case is covered), and a path walks that tree segment by segment; only the patterns met on the way are
 * matched. So the work for one request grows with the depth of its path and the patterns that share its literal
 * beginning, not with the number of handlers.
 * <p>
 * A parsed path ({@link #matching(PathContainer)}) is matched by each pattern's own {@link PathPattern}, exactly as
 * its mapping would. A plain path, read where it was received ({@link #requirementsFor}), is matched without
 * allocating by the patterns that read it as plain text does (see {@link Plain}); a pattern of another kind on its way
 * makes the index say it cannot tell.
 *
 * @author upgrade-required
 */
final class HandlerIndex {

	/**
	 * What {@link #requirementsFor} returns when it cannot tell from a plain reading of the path.
	 */
	static final int UNKNOWN = -1;

	private static final Comparator<Indexed> BY_MAPPING = Comparator.comparingInt(Indexed::mapping);

	private final Node root = new Node();

	private final int size;

	/**
	 * Index the patterns of some handlers.
	 * @param patterns the patterns, each with its handler, mapping and requirement
	 */
	HandlerIndex(List<Indexed> patterns) {
		this.size = patterns.size();
		for (Indexed indexed : patterns) {
			Node node = this.root;
			for (String segment : literalSegments(indexed.pattern().getPatternString())) {
				node = node.building.computeIfAbsent(segment, (key) -> new Node());
			}
			node.patterns.add(indexed);
		}
		this.root.build();
	}

	/**
	 * Return every indexed pattern that matches a path, by the order of their mappings (within a mapping, shorter
	 * literal beginnings first).
	 * @param path the path within the application, as the handler mappings read it
	 * @return the matching patterns
	 */
	List<Indexed> matching(PathContainer path) {
		List<Indexed> matching = new ArrayList<>(2);
		Node node = this.root;
		addMatching(node, path, matching);
		for (PathContainer.Element element : path.elements()) {
			if (!(element instanceof PathContainer.PathSegment segment)) {
				continue;
			}
			String key = segment.valueToMatch().toLowerCase(Locale.ROOT);
			node = node.child(key, 0, key.length());
			if (node == null) {
				break;
			}
			addMatching(node, path, matching);
		}
		if (matching.size() > 1) {
			matching.sort(BY_MAPPING);
		}
		return matching;
	}

	/**
	 * Return the requirements of the handlers that a request may be served by, found without allocating for a
	 * plain path: the handlers of the first mapping with a pattern that matches the path, if that mapping claims
	 * the request, only those mapped to the request's method (all of them, if none is), and every matching handler
	 * of later mappings. A path is plain when it starts with {@code /}, holds printable ASCII only, and has no
	 * percent-encoding, {@code ;} parameters, backslash, empty segment, segment that starts with a dot, or trailing
	 * slash: each segment reads the same parsed.
	 * @param path the request path as received
	 * @param start where in {@code path} the path within the application starts, as the handler mappings read it;
	 * {@code -1} if it is not a part of {@code path} as received
	 * @param method the request's method
	 * @return the requirements, as a set of bits by their position in {@link ProtocolRequirement#values()}; {@code 0}
	 * if no pattern matches; {@link #UNKNOWN} if the path is not plain, or a pattern on its way is not one that
	 * reads a plain path as plain text does
	 */
	int requirementsFor(String path, int start, String method) {
		return walk(path, start, method, null);
	}

	/**
	 * Return every indexed pattern that matches a plain path, as {@link #matching(PathContainer)} does for the path
	 * parsed.
	 * @param path the request path as received
	 * @param start where in {@code path} the path within the application starts, as the handler mappings read it
	 * @return the matching patterns, or {@code null} where {@link #requirementsFor} cannot tell
	 */
	@Nullable List<Indexed> matching(String path, int start) {
		List<Indexed> matching = new ArrayList<>(2);
		if (walk(path, start, "", matching) == UNKNOWN) {
			return null;
		}
		if (matching.size() > 1) {
			matching.sort(BY_MAPPING);
		}
		return matching;
	}

	/**
	 * Return the requirements of the handlers that a request may be served by, as {@link #requirementsFor} does,
	 * from the patterns that match its path.
	 * @param matching the matching patterns, by the order of their mappings (as {@link #matching(PathContainer)}
	 * returns them), at least one
	 * @param method the request's method
	 * @return the requirements, as a set of bits by their position in {@link ProtocolRequirement#values()}
	 */
	static int requirementsOf(List<Indexed> matching, String method) {
		Indexed first = matching.get(0);
		boolean forMethod = false;
		for (int i = 0; first.claims() && !forMethod && i < matching.size(); i++) {
			forMethod = matching.get(i).mapping() == first.mapping() && matching.get(i).isFor(method);
		}
		int requirements = 0;
		for (Indexed candidate : matching) {
			if (!forMethod || candidate.mapping() != first.mapping() || candidate.isFor(method)) {
				requirements |= 1 << candidate.requirement().ordinal();
			}
		}
		return requirements;
	}

	// The requirements of the handlers that may serve a request with a plain path (see requirementsFor), adding the
	// matching patterns to "matching" if it is not null.
	private int walk(String path, int start, String method, @Nullable List<Indexed> matching) {
		if (start < 0 || !readsPlainly(path, start)) {
			return UNKNOWN;
		}
		int mapping = Integer.MAX_VALUE;
		boolean claims = false;
		// The requirements of later mappings' handlers, and of the first mapping's, for the method and for others.
		int later = 0;
		int forMethod = 0;
		int forOtherMethods = 0;
		Node node = this.root;
		for (int at = start, end; node != null; at = end) {
			for (int i = 0; i < node.plain.length; i++) {
				Plain plain = node.plain[i];
				if (plain == null) {
					return UNKNOWN;
				}
				if (!plain.matches(path, start)) {
					continue;
				}
				Indexed indexed = node.patterns.get(i);
				if (matching != null) {
					matching.add(indexed);
				}
				if (indexed.mapping() < mapping) {
					later |= forMethod | forOtherMethods;
					forMethod = 0;
					forOtherMethods = 0;
					mapping = indexed.mapping();
					claims = indexed.claims();
				}
				if (indexed.mapping() > mapping) {
					later |= plain.requirement;
				}
				else if (indexed.isFor(method)) {
					forMethod |= plain.requirement;
				}
				else {
					forOtherMethods |= plain.requirement;
				}
			}
			end = segmentEnd(path, at);
			node = (end > at) ? node.child(path, at + 1, end) : null;
		}
		return later | forMethod | ((claims && forMethod != 0) ? 0 : forOtherMethods);
	}

	/**
	 * Return the indexed patterns that do not read a plain path as plain text does: a request whose path they may
	 * match is matched on its parsed path.
	 * @return the patterns, as written
	 */
	List<String> parsedPatterns() {
		List<String> parsed = new ArrayList<>();
		this.root.addParsedPatterns(parsed);
		return parsed;
	}

	/**
	 * Return the number of patterns indexed.
	 * @return the number of patterns
	 */
	int size() {
		return this.size;
	}

	private static void addMatching(Node node, PathContainer path, List<Indexed> matching) {
		for (Indexed indexed : node.patterns) {
			if (indexed.pattern().matches(path)) {
				matching.add(indexed);
			}
		}
	}

	// The segments before the first one that is not plain literal text: a variable, a wildcard, an escape or an
	// empty segment (which the pattern may treat otherwise than the tree would).
	private static List<String> literalSegments(String pattern) {
		List<String> segments = new ArrayList<>();
		String[] parts = pattern.split("/", -1);
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.chars().anyMatch((c) -> "{}*?%\\".indexOf(c) >= 0)) {
				break;
			}
			segments.add(part.toLowerCase(Locale.ROOT));
		}
		return segments;
	}

	private static boolean readsPlainly(String path, int start) {
		return RequirementPrefixes.isPlain(path, start) && path.charAt(start) == '/'
				&& path.charAt(path.length() - 1) != '/';
	}

	// Where the segment that starts after the '/' at "from" ends: "from" itself at the end of the path.
	private static int segmentEnd(String path, int from) {
		if (from >= path.length()) {
			return from;
		}
		int end = path.indexOf('/', from + 1);
		return (end >= 0) ? end : path.length();
	}

	private static char lowerCase(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
	}

	/**
	 * A pattern of a listed handler.
	 * @param pattern the pattern, as the handler's mapping parsed it
	 * @param methods the HTTP methods the handler is mapped to, empty for every method
	 * @param handler the handler
	 * @param mapping the position of the handler's mapping
	 * @param claims whether that mapping claims every request whose path the pattern matches
	 * @param requirement what the handler requires
	 */
	record Indexed(PathPattern pattern, List<String> methods, Object handler, int mapping, boolean claims,
			ProtocolRequirement requirement) {

		/**
		 * Whether the handler is mapped to a method, as Spring matches it: every method when none is given, and
		 * {@code HEAD} where {@code GET} is.
		 * @param method the request's method
		 * @return whether the handler may serve the method
		 */
		boolean isFor(String method) {
			return this.methods.isEmpty() || this.methods.contains(method)
					|| ("HEAD".equals(method) && this.methods.contains("GET"));
		}

	}

	/**
	 * A pattern that reads a plain path as plain text does: parsed by {@link PathPatternParser#defaultInstance}'s
	 * rules (case-sensitive, separated by {@code /}), of whole segments that are literal text (printable ASCII
	 * without {@code {}*?%;\}) or a variable without a regular expression ({@code {id}}), optionally ending in
	 * {@code /**} (any further segments, or none). Such a pattern matches a plain path if each of its literal
	 * segments is the path's segment at its place, each variable has one, and the path has no further segment
	 * unless the pattern ends in {@code /**}. A pattern of such segments that also has an empty one (such as
	 * {@code /} or {@code /orders/}), and the empty pattern, match no plain path.
	 *
	 * @param segments the segments, {@code null} for a variable
	 * @param anyRest whether the pattern ends in {@code /**}
	 * @param never whether the pattern matches no plain path
	 * @param requirement the handler's requirement, as a bit by its position in {@link ProtocolRequirement#values()}
	 */
	private record Plain(@Nullable String[] segments, boolean anyRest, boolean never, int requirement) {

		static @Nullable Plain of(Indexed indexed) {
			PathPattern pattern = indexed.pattern();
			String text = pattern.getPatternString();
			try {
				if (!PathPatternParser.defaultInstance.parse(text).equals(pattern)) {
					return null;
				}
			}
			catch (PatternParseException ex) {
				return null;
			}
			if (!text.startsWith("/")) {
				// The empty pattern (a mapping without a path) matches the empty path only.
				return text.isEmpty() ? new Plain(new String[0], false, true, 1 << indexed.requirement().ordinal())
						: null;
			}
			boolean anyRest = text.endsWith("/**");
			String beginning = anyRest ? text.substring(0, text.length() - 3) : text;
			String[] parts = beginning.isEmpty() ? new String[0] : beginning.substring(1).split("/", -1);
			@Nullable String[] segments = new String[parts.length];
			boolean empty = false;
			for (int i = 0; i < parts.length; i++) {
				String part = parts[i];
				if (part.isEmpty()) {
					empty = true;
				}
				else if (isVariable(part)) {
					segments[i] = null;
				}
				else if (isLiteral(part)) {
					segments[i] = part;
				}
				else {
					return null;
				}
			}
			if (empty && anyRest) {
				return null;
			}
			return new Plain(segments, anyRest, empty, 1 << indexed.requirement().ordinal());
		}

		private static boolean isVariable(String part) {
			if (part.length() < 3 || part.charAt(0) != '{' || part.charAt(part.length() - 1) != '}') {
				return false;
			}
			for (int i = 1; i < part.length() - 1; i++) {
				char c = part.charAt(i);
				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
					return false;
				}
			}
			return true;
		}

		private static boolean isLiteral(String part) {
			for (int i = 0; i < part.length(); i++) {
				char c = part.charAt(i);
				if (c <= ' ' || c > '~' || "{}*?%;\\".indexOf(c) >= 0) {
					return false;
				}
			}
			return true;
		}

		// The path is plain (see requirementsFor), and starts with '/' at "start".
		boolean matches(String path, int start) {
			if (this.never) {
				return false;
			}
			int at = start;
			for (String segment : this.segments) {
				if (at >= path.length()) {
					return false;
				}
				int end = segmentEnd(path, at);
				if (segment != null && (end - at - 1 != segment.length() || !path.startsWith(segment, at + 1))) {
					return false;
				}
				at = end;
			}
			return this.anyRest || at == path.length();
		}

	}

	private static final class Node {

		private static final Node[] NO_NODES = new Node[0];

		private static final String[] NO_KEYS = new String[0];

		private static final Plain[] NO_PLAIN = new Plain[0];

		// The children while the tree is built, by their literal segment in lower case.
		private Map<String, Node> building = new HashMap<>();

		private final List<Indexed> patterns = new ArrayList<>(1);

		// The children, by a table of their segments (open addressing), so that a segment of a path is looked up
		// where it is.
		private String[] keys = NO_KEYS;

		private Node[] children = NO_NODES;

		// For each pattern, how it reads a plain path, null if it does not.
		private @Nullable Plain[] plain = NO_PLAIN;

		void build() {
			this.plain = this.patterns.stream().map(Plain::of).toArray(Plain[]::new);
			if (!this.building.isEmpty()) {
				int capacity = Integer.highestOneBit(this.building.size() * 2 - 1) << 1;
				this.keys = new String[capacity];
				this.children = new Node[capacity];
				this.building.forEach((key, child) -> {
					int slot = slot(key.hashCode());
					while (this.keys[slot] != null) {
						slot = (slot + 1) & (capacity - 1);
					}
					this.keys[slot] = key;
					this.children[slot] = child;
					child.build();
				});
			}
			this.building = Map.of();
		}

		void addParsedPatterns(List<String> parsed) {
			for (int i = 0; i < this.plain.length; i++) {
				if (this.plain[i] == null) {
					parsed.add(this.patterns.get(i).pattern().getPatternString());
				}
			}
			for (Node child : this.children) {
				if (child != null) {
					child.addParsedPatterns(parsed);
				}
			}
		}

		// The child whose segment is the text between "from" and "to", in lower case (ASCII letters are compared
		// in lower case: a segment that is already lower case is compared as it is).
		@Nullable Node child(String text, int from, int to) {
			if (this.keys.length == 0) {
				return null;
			}
			int hash = 0;
			for (int i = from; i < to; i++) {
				hash = 31 * hash + lowerCase(text.charAt(i));
			}
			for (int slot = slot(hash); this.keys[slot] != null; slot = (slot + 1) & (this.keys.length - 1)) {
				if (isKey(this.keys[slot], text, from, to)) {
					return this.children[slot];
				}
			}
			return null;
		}

		private int slot(int hash) {
			return (hash ^ (hash >>> 16)) & (this.keys.length - 1);
		}

		private static boolean isKey(String key, String text, int from, int to) {
			if (key.length() != to - from) {
				return false;
			}
			for (int i = 0; i < key.length(); i++) {
				if (key.charAt(i) != lowerCase(text.charAt(from + i))) {
					return false;
				}
			}
			return true;
		}

	}

}
