package dev.upgraderequired.reactive;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.Route;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The early filter of WebFlux applications: refuses, before Spring Security's filter chain and the handler, every
 * request that its handler or a path rule refuses, writing the response itself.
 * <p>
 * It asks the core's {@link RequestDecider} once; only where the index cannot tell does it look the handler up in
 * the {@code DispatcherHandler}'s handler mappings, in their order, and ask with the handler (a request let through
 * is looked up again by the {@code DispatcherHandler}). Exchanges of another application context (a management
 * server's child context sees this filter among its parent's beans) are left alone. When configured, it adds
 * {@code Strict-Transport-Security} to the response of a request over TLS that it lets through to an endpoint
 * requiring TLS: the handler is known once the {@code DispatcherHandler} has looked it up, so the header is added
 * just before the response is committed.
 * <p>
 * A request that a gateway's route serves (see {@link ReactiveRoutes}) is decided with the route, before Spring
 * Security too.
 * <p>
 * It decides on the exchange as the filters before it left it: a filter that changes what a request's handler is
 * chosen by (its path, method or headers) must be ordered before it.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(UpgradeRequiredWebFilter.class);

	private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private final RequestDecider decider;

	private final ReactiveRequestView view;

	private final ReactiveRefusalWriter writer;

	private final ApplicationContext applicationContext;

	private final @Nullable ReactiveRoutes routes;

	private final int order;

	private volatile @Nullable List<HandlerMapping> mappings;

	UpgradeRequiredWebFilter(RequestDecider decider, ReactiveRequestView view, ReactiveRefusalWriter writer,
			ApplicationContext applicationContext, @Nullable ReactiveRoutes routes, int order) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
		this.applicationContext = applicationContext;
		this.routes = routes;
		this.order = order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!serves(exchange)) {
			return chain.filter(exchange);
		}
		Decision decision = this.decider.decide(exchange, this.view);
		return (decision == Decision.LOOK_UP) ? lookUp(exchange).flatMap((found) -> apply(found, exchange, chain))
				: apply(decision, exchange, chain);
	}

	private Mono<Decision> lookUp(ServerWebExchange exchange) {
		return Flux.fromIterable(mappings())
			.concatMap((mapping) -> mapping.getHandler(exchange).map((handler) -> endpoint(mapping, handler, exchange)))
			.next()
			.map(Found::of)
			// Only the lookup's failure is decided as the DispatcherHandler would fail it: a failure to decide (an
			// invalid annotation on a handler unknown at startup, a failing resolver) fails the request.
			.onErrorResume((ex) -> Mono.just(Found.failed(ex)))
			.map((found) -> decide(found, exchange))
			.switchIfEmpty(Mono.fromSupplier(() -> this.decider.decide(exchange, this.view, null)));
	}

	// A gateway's handler serves every route: the request is decided with the route the gateway matched, which its
	// filter then knows to have been decided.
	private Object endpoint(HandlerMapping mapping, Object handler, ServerWebExchange exchange) {
		ReactiveRoutes routes = this.routes;
		Route route = (routes != null && routes.isRouteMapping(mapping)) ? routes.routeOf(exchange) : null;
		if (route == null) {
			return handler;
		}
		exchange.getAttributes().put(ReactiveRouteGuard.DECIDED_ROUTE, route);
		return route;
	}

	private Decision decide(Found found, ServerWebExchange exchange) {
		Throwable failure = found.failure();
		if (failure != null) {
			Decision decision = this.decider.decideFailure(exchange, this.view, failure, null);
			return (decision != null) ? decision : Decision.PROCEED;
		}
		return this.decider.decide(exchange, this.view, found.handler());
	}

	// A request that CORS processing rejected goes on to its 403, as the DispatcherHandler gives it.
	private Mono<Void> apply(Decision decision, ServerWebExchange exchange, WebFilterChain chain) {
		if (decision instanceof Decision.Respond respond) {
			return this.writer.write(respond.response(), exchange);
		}
		if (decision instanceof Decision.Proceed proceed) {
			this.writer.announce(proceed.announcement(), exchange);
		}
		if (this.decider.sendsStrictTransportSecurity() && this.view.isSecure(exchange)) {
			exchange.getResponse().beforeCommit(() -> {
				addStrictTransportSecurity(exchange);
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

	// Costs a commit action per request over TLS, only while HSTS is on.
	private void addStrictTransportSecurity(ServerWebExchange exchange) {
		Route route = (this.routes != null) ? this.routes.routeOf(exchange) : null;
		Object handler = (route != null) ? route
				: exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (handler == null || headers.containsHeader(STRICT_TRANSPORT_SECURITY)) {
			return;
		}
		try {
			String hsts = this.decider.strictTransportSecurity(exchange, this.view, handler);
			if (hsts != null) {
				headers.set(STRICT_TRANSPORT_SECURITY, hsts);
			}
		}
		catch (RuntimeException ex) {
			// The handler's requirement was decided before it ran; a response it wrote is not failed for a header.
			logger.debug("Strict-Transport-Security not added: " + ex.getMessage());
		}
	}

	// A child context, such as the management server's, has handlers of its own.
	private boolean serves(ServerWebExchange exchange) {
		ApplicationContext context = exchange.getApplicationContext();
		return context == null || context == this.applicationContext;
	}

	// The same mappings, in the same order, as the DispatcherHandler's.
	private List<HandlerMapping> mappings() {
		List<HandlerMapping> mappings = this.mappings;
		if (mappings == null) {
			List<HandlerMapping> found = new ArrayList<>(BeanFactoryUtils
				.beansOfTypeIncludingAncestors(this.applicationContext, HandlerMapping.class, true, false)
				.values());
			AnnotationAwareOrderComparator.sort(found);
			mappings = List.copyOf(found);
			this.mappings = mappings;
		}
		return mappings;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	// The handler the lookup found, or its failure.
	private record Found(@Nullable Object handler, @Nullable Throwable failure) {

		static Found of(Object handler) {
			return new Found(handler, null);
		}

		static Found failed(Throwable failure) {
			return new Found(null, failure);
		}

	}

}
