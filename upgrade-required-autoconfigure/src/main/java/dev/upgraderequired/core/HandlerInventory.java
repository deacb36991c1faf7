package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The handlers of an application as an adapter lists them at startup, with their path patterns and HTTP methods,
 * and what it could not list, for {@link UpgradePolicy#protectHandlers}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class HandlerInventory {

	private final List<Entry> entries = new ArrayList<>();

	private final List<String> unlisted = new ArrayList<>();

	private String pathPrefix = "";

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
		if (handler instanceof String beanName) {
			this.unlisted.add("handler bean '" + beanName + "' (not created yet)");
		}
		else {
			this.entries.add(new Entry(List.copyOf(patterns), List.copyOf(methods), handler, description));
		}
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
	 * Record router functions that a resolver of the application's may protect: they cannot be listed.
	 */
	public void addRouterFunctions() {
		this.unlisted.add("router functions with a HandlerRequirementResolver");
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

	record Entry(List<String> patterns, List<String> methods, Object handler, String description) {
	}

}
