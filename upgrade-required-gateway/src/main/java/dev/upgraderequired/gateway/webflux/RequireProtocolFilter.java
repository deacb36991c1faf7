package dev.upgraderequired.gateway.webflux;

import java.util.List;

import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.core.Route;
import dev.upgraderequired.reactive.ReactiveRouteGuard;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * A route's {@code RequireProtocol} filter: what it requires, which {@link WebFluxRoutes} reads from the route, and
 * the guard of what the early filter did not decide with it. First among the route's filters. A filter the route's
 * reading did not find (wrapped by something else than the gateway's ordering) is decided on its own requirement.
 *
 * @author upgrade-required
 */
final class RequireProtocolFilter implements GatewayFilter, Ordered {

	private final Route.Part part;

	private final WebFluxRoutes routes;

	private final ReactiveRouteGuard guard;

	RequireProtocolFilter(Route.Part part, WebFluxRoutes routes, ReactiveRouteGuard guard) {
		this.part = part;
		this.routes = routes;
		this.guard = guard;
	}

	Route.Part part() {
		return this.part;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = this.routes.routeOf(exchange);
		if (route == null || !route.parts().contains(this.part)) {
			route = new Route((route != null) ? route.id() : UpgradePolicy.UNKNOWN_PATTERN, "", List.of(this.part));
		}
		return this.guard.filter(exchange, route, () -> chain.filter(exchange));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public String toString() {
		Route.Part part = this.part;
		return RequireProtocolGatewayFilterFactory.NAME + " " + part.requirement()
				+ ((part.rollout() != null) ? " [" + part.rollout() + "]" : "");
	}

}
