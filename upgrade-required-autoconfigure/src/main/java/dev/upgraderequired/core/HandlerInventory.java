package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The handlers of an application as an adapter lists them at startup, by path pattern, and what it could not list,
 * for {@link UpgradePolicy#protectHandlers}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class HandlerInventory {

	private final MultiValueMap<String, Object> byPattern = new LinkedMultiValueMap<>();

	private final List<String> unlisted = new ArrayList<>();

	/**
	 * Add a handler mapped to a pattern. A handler known only by its bean name, which a URL handler mapping creates
	 * at its first request, cannot be judged yet and counts as unlisted.
	 * @param pattern the path pattern, in {@code PathPattern} or {@code AntPathMatcher} syntax; a pattern may have
	 * several handlers (one per HTTP method, for example)
	 * @param handler the handler, or the name of its bean
	 */
	public void add(String pattern, Object handler) {
		if (handler instanceof String beanName) {
			this.unlisted.add("handler bean '" + beanName + "' (not created yet)");
		}
		else {
			this.byPattern.add(pattern, handler);
		}
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

	MultiValueMap<String, Object> byPattern() {
		return this.byPattern;
	}

	List<String> unlisted() {
		return this.unlisted;
	}

}
