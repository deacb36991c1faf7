package dev.upgraderequired.reactive;

import java.util.function.Supplier;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.Route;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Decides, in a gateway route's own filter, a request that the early filter did not decide with that route: one that
 * met what every route required when the early filter looked (a route added since requires more), or that a route
 * filter serves without the early filter (an exchange of another web handler). A request the early filter decided
 * with the route goes on at the cost of one attribute lookup.
 * <p>
 * For upgrade-required's own modules: {@code upgrade-required-gateway}'s {@code RequireProtocol} filter calls it.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class ReactiveRouteGuard {

	// The route the early filter decided an exchange with.
	static final String DECIDED_ROUTE = ReactiveRouteGuard.class.getName() + ".decidedRoute";

	private final RequestDecider decider;

	private final ReactiveRequestView view;

	private final ReactiveRefusalWriter writer;

	ReactiveRouteGuard(RequestDecider decider, ReactiveRequestView view, ReactiveRefusalWriter writer) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
	}

	/**
	 * Refuse a request to a route that does not meet what the route (or a path rule) requires, unless the early
	 * filter decided it with that route already; else go on.
	 * @param exchange the exchange
	 * @param route the route the gateway matched it to
	 * @param next the rest of the route's filters and the proxying
	 * @return the refusal, or what {@code next} returns
	 */
	public Mono<Void> filter(ServerWebExchange exchange, Route route, Supplier<Mono<Void>> next) {
		if (exchange.getAttribute(DECIDED_ROUTE) == route) {
			return next.get();
		}
		Decision decision = this.decider.decide(exchange, this.view, route);
		if (decision instanceof Decision.Proceed proceed) {
			this.writer.announce(proceed.announcement(), exchange);
			return next.get();
		}
		if (decision instanceof Decision.Respond respond) {
			return this.writer.write(respond.response(), exchange);
		}
		// Rejected by CORS processing, with its 403.
		return exchange.getResponse().setComplete();
	}

}
