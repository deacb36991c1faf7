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

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The routes of Spring Cloud Gateway Server Web MVC, as the core decides on them: the handler of each route's requests
 * says which route it serves (see {@link MarkedRoute}). The routes of each bean that holds some are handed to the
 * {@link RequirementIndex} once every singleton is created, then whenever a configuration refresh creates the
 * configured routes again.
 *
 * @author upgrade-required
 */
final class WebMvcRoutes implements ServletRoutes, SmartInitializingSingleton {

	/**
	 * The request attribute that holds the route whose handler handles the request.
	 */
	static final String MATCHED_ROUTE = WebMvcRoutes.class.getName() + ".route";

	private final RequirementIndex index;

	// The routes of each bean, by its name, in the order the beans were created.
	private final Map<String, List<Route>> byBean = new LinkedHashMap<>();

	private boolean started;

	WebMvcRoutes(RequirementIndex index) {
		this.index = index;
	}

	@Override
	public boolean isRouteMapping(HandlerMapping mapping) {
		return mapping instanceof RouterFunctionMapping;
	}

	@Override
	public @Nullable Route routeOf(Object handler) {
		return (handler instanceof MarkedRoute.RouteHandler<?> route) ? route.route() : null;
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
		if (this.started) {
			publish();
		}
	}

	@Override
	public synchronized void afterSingletonsInstantiated() {
		this.started = true;
		publish();
	}

	private void publish() {
		List<Route> all = new ArrayList<>();
		this.byBean.values().forEach(all::addAll);
		this.index.routes(all);
	}

}
