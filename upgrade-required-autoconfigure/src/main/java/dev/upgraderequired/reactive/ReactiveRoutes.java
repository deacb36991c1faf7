package dev.upgraderequired.reactive;

import dev.upgraderequired.core.Route;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The routes of a gateway in a WebFlux application: which handler mapping is the gateway's, and the route its lookup
 * matched an exchange to. The early filter decides a request that a route serves with the route, before Spring
 * Security; {@link ReactiveRouteGuard} decides, in the route's own filter, what the early filter did not. The
 * routes themselves are handed to {@link dev.upgraderequired.core.RequirementIndex#routes} whenever they change.
 * <p>
 * For upgrade-required's own modules: {@code upgrade-required-gateway} declares one for Spring Cloud Gateway.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public interface ReactiveRoutes {

	/**
	 * Whether a handler mapping is the gateway's, whose handler serves every route.
	 * @param mapping a handler mapping of the application
	 * @return whether it maps requests to the gateway's routes
	 */
	boolean isRouteMapping(HandlerMapping mapping);

	/**
	 * Return the route that the gateway's handler mapping matched an exchange to.
	 * @param exchange the exchange, after the gateway's handler lookup
	 * @return the route, {@code null} if the gateway matched none
	 */
	@Nullable Route routeOf(ServerWebExchange exchange);

}
