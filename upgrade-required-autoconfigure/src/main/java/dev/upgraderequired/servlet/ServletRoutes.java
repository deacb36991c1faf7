package dev.upgraderequired.servlet;

import dev.upgraderequired.core.Route;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerMapping;

/**
 * The routes of a gateway in a Spring MVC application: which handler mapping serves them, and the route a handler it
 * returned serves. The early filter decides a request that a route serves with the route, before Spring
 * Security; the interceptor decides, with the route, a request the early filter did not. The routes themselves are
 * handed to {@link dev.upgraderequired.core.RequirementIndex#routes} whenever they change.
 * <p>
 * For upgrade-required's own modules: {@code upgrade-required-gateway} declares one for Spring Cloud Gateway.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public interface ServletRoutes {

	/**
	 * Whether a handler mapping serves the gateway's routes (among other handlers, maybe).
	 * @param mapping a handler mapping of the application
	 * @return whether it maps requests to the gateway's routes
	 */
	boolean isRouteMapping(HandlerMapping mapping);

	/**
	 * Return the route that a handler serves.
	 * @param handler a handler that a handler lookup returned
	 * @return the route, {@code null} if the handler is no route's
	 */
	@Nullable Route routeOf(Object handler);

}
