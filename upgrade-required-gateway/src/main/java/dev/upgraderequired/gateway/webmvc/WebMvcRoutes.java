package dev.upgraderequired.gateway.webmvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.upgraderequired.core.RequirementIndex;
import dev.upgraderequired.core.Route;
import dev.upgraderequired.servlet.ServletRoutes;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The routes of Spring Cloud Gateway Server Web MVC, as the core decides on them: each route (see
 * {@link MarkedRoute}) records in the request that it matched it. The routes of each bean that holds some are handed
 * to the {@link RequirementIndex} whenever the bean is created: at startup, and for configured routes whenever a
 * configuration refresh re-creates them.
 *
 * @author upgrade-required
 */
final class WebMvcRoutes implements ServletRoutes {

	/**
	 * The request attribute that holds the route a request was matched to.
	 */
	static final String MATCHED_ROUTE = WebMvcRoutes.class.getName() + ".route";

	private final RequirementIndex index;

	// The routes of each bean, by its name, in the order the beans were created.
	private final Map<String, List<Route>> byBean = new LinkedHashMap<>();

	WebMvcRoutes(RequirementIndex index) {
		this.index = index;
	}

	@Override
	public boolean isRouteMapping(HandlerMapping mapping) {
		return mapping instanceof RouterFunctionMapping;
	}

	@Override
	public @Nullable Route routeOf(HttpServletRequest request) {
		return matched(request);
	}

	static @Nullable Route matched(HttpServletRequest request) {
		return (request.getAttribute(MATCHED_ROUTE) instanceof Route route) ? route : null;
	}

	/**
	 * Take the routes of a bean, replacing those it had.
	 * @param beanName the bean's name
	 * @param routes its routes
	 */
	synchronized void routes(String beanName, List<Route> routes) {
		this.byBean.put(beanName, List.copyOf(routes));
		List<Route> all = new ArrayList<>();
		this.byBean.values().forEach(all::addAll);
		this.index.routes(all);
	}

}
