package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The handlers of an application as an adapter lists them at startup, with their path patterns and HTTP methods,
 * and what it could not list, for {@link RequirementIndex#index}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class HandlerInventory {

	private final List<Entry> entries = new ArrayList<>();

	private final List<String> unlisted = new ArrayList<>();

	private String pathPrefix = "";

	private int mapping = -1;

	private boolean claims;

	private boolean unindexed;

	private boolean routes;

	/**
	 * Add a handler mapped to path patterns. A handler known only by its bean name, which a URL handler mapping
	 * creates at its first request, cannot be judged yet and counts as unlisted.
	 * @param patterns the path patterns, in {@code PathPattern} or {@code AntPathMatcher} syntax
	 * @param methods the HTTP methods it is mapped to, empty for every method
	 * @param handler the handler, or the name of its bean
	 * @param description what the handler is, for the actuator endpoint, such as a handler method's name
	 * @since 0.2.0
	 */
	public void add(Collection<String> patterns, Collection<String> methods, Object handler, String description) {
		add(List.copyOf(patterns), null, methods, handler, description);
	}

	/**
	 * Add a handler mapped to path patterns that its handler mapping parsed, in the order of the mappings (see
	 * {@link #mapping}), so that the policy can tell which handlers a request path is for without the mappings'
	 * lookup. A handler known only by its bean name counts as unlisted.
	 * <p>
	 * The inventory keeps copies of the patterns, parsed again with the mapping's parser, and the mapping's own
	 * pattern only where its copy is not equal to it. Spring's lookup walks every mapping's patterns for each request,
	 * and it ran measurably slower while the index held them (by 40 % with the Serial collector, by 10 % with G1), as
	 * if the garbage collector then placed them near the index rather than near their mappings.
	 * @param patterns the path patterns, as the handler mapping parsed them
	 * @param parser the parser of the handler mapping
	 * @param methods the HTTP methods it is mapped to, empty for every method
	 * @param handler the handler, or the name of its bean
	 * @param description what the handler is, for the actuator endpoint, such as a handler method's name
	 * @since 0.2.0
	 */
	public void addParsed(Collection<PathPattern> patterns, PathPatternParser parser, Collection<String> methods,
			Object handler, String description) {
		List<PathPattern> parsed = patterns.stream().map((pattern) -> copyOf(pattern, parser)).toList();
		add(parsed.stream().map(PathPattern::getPatternString).toList(), parsed, methods, handler, description);
	}

	private static PathPattern copyOf(PathPattern pattern, PathPatternParser parser) {
		try {
			PathPattern copy = parser.parse(pattern.getPatternString());
			return copy.equals(pattern) ? copy : pattern;
		}
		catch (PatternParseException ex) {
			return pattern;
		}
	}

	private void add(List<String> patterns, @Nullable List<PathPattern> parsed, Collection<String> methods,
			Object handler, String description) {
		if (handler instanceof String beanName) {
			this.unlisted.add("handler bean '" + beanName + "' (not created yet)");
		}
		else {
			this.entries.add(new Entry(patterns, List.copyOf(methods), handler, description, parsed, this.mapping,
					this.claims));
		}
	}

	/**
	 * Start the handlers of the next handler mapping, in the order the web stack consults them.
	 * @param claimsMatchingPaths whether a request whose path one of the mapping's patterns matches is the mapping's,
	 * even if its other conditions (method, media types, parameters) fail, as for a request mapping, which then
	 * fails the request rather than let the next mapping have it
	 * @since 0.2.0
	 */
	public void mapping(boolean claimsMatchingPaths) {
		this.mapping++;
		this.claims = claimsMatchingPaths;
	}

	/**
	 * Set what comes before the handlers' patterns in the path within the application, which path rules match: the
	 * path of the servlet they are mapped under, such as {@code /api}. Empty by default.
	 * @param pathPrefix the prefix, without a trailing {@code /}
	 * @since 0.2.0
	 */
	public void pathPrefix(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	/**
	 * Record router functions, which cannot be listed. Where a resolver of the application's may protect their
	 * handlers, every request has to be looked up; where none does, they need no check, but may be the handlers of
	 * any path, so the index cannot tell a request's handlers without the lookup.
	 * @param applicationResolvers whether the application has resolvers of its own
	 * @since 0.2.0
	 */
	public void addRouterFunctions(boolean applicationResolvers) {
		if (applicationResolvers) {
			this.unlisted.add("router functions with a HandlerRequirementResolver");
		}
		else {
			this.unindexed = true;
		}
	}

	/**
	 * Record a gateway's handler mapping, whose routes change while the application runs: the adapter hands them to
	 * {@link RequirementIndex#routes} whenever they do, and looks up a request that a route whose requirement it does
	 * not meet may serve.
	 * @since 0.2.0
	 */
	public void addRoutes() {
		this.routes = true;
	}

	/**
	 * Record a handler mapping of a kind the adapter cannot list.
	 * @param mapping the handler mapping
	 */
	public void addUnknownMapping(Object mapping) {
		this.unlisted.add("handler mapping " + mapping.getClass().getName());
	}

	List<Entry> entries() {
		return this.entries;
	}

	List<String> unlisted() {
		return this.unlisted;
	}

	String pathPrefix() {
		return this.pathPrefix;
	}

	// Whether some handlers are known to exist but could not be listed, though they need no check.
	boolean unindexed() {
		return this.unindexed;
	}

	// Whether a gateway's routes may serve any path.
	boolean routes() {
		return this.routes;
	}

	/**
	 * A listed handler.
	 * @param patterns its path patterns
	 * @param methods its HTTP methods, empty for every method
	 * @param handler the handler
	 * @param description what it is
	 * @param parsed its patterns, parsed as its handler mapping parsed them, {@code null} if not given
	 * @param mapping the position of its handler mapping among the mappings, {@code -1} if not given
	 * @param claims whether its mapping claims every request whose path its patterns match
	 */
	record Entry(List<String> patterns, List<String> methods, Object handler, String description,
			@Nullable List<PathPattern> parsed, int mapping, boolean claims) {
	}

}
