package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.upgraderequired.ProtocolRequirement;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The path patterns of every listed handler, as their handler mappings parsed them, with each handler's requirement
 * and mapping: which handlers a request path is for, found without asking the mappings.
 * <p>
 * Patterns are kept in a tree by the literal segments they start with (in lower case, so that a mapping that
 * ignores case is covered), and a path walks that tree segment by segment; only the patterns met on the way are
 * matched, each by its own {@link PathPattern}, exactly as its mapping would. So the work for one request grows with
 * the depth of its path and the patterns that share its literal beginning, not with the number of handlers.
 *
 * @author upgrade-required
 */
final class HandlerIndex {

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
				node = node.children.computeIfAbsent(segment, (key) -> new Node());
			}
			node.patterns.add(indexed);
		}
	}

	/**
	 * Return every indexed pattern that matches a path, by the order of their mappings (and in the order they were
	 * listed within a mapping).
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
			node = node.children.get(segment.valueToMatch().toLowerCase(Locale.ROOT));
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

	private static final class Node {

		private final Map<String, Node> children = new HashMap<>();

		private final List<Indexed> patterns = new ArrayList<>(1);

	}

}
