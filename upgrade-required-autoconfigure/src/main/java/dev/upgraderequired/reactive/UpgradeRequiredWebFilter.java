package dev.upgraderequired.reactive;

import dev.upgraderequired.core.Rejection;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses requests whose handler, or whose path by a configured rule, requires a protocol the request does not
 * offer, writing the 426 response itself before the rest of the filter chain and the handler run. The handler is
 * looked up once, by {@link UpgradeRequiredHandlerMapping}, which then hands it to the {@code DispatcherHandler}.
 * <p>
 * Ordered by default at {@link #DEFAULT_ORDER} ({@code upgrade-required.filter-order} changes it): after Spring
 * Security's filter chain and the filters ordered before it, as the servlet filter on Spring MVC. A filter ordered
 * after it that replaces the exchange makes the handler mapping look the handler up again. CORS pre-flight
 * requests are let through: a browser's pre-flight cannot follow an upgrade, the actual request is refused
 * instead. Exchanges of another application context, such as a management server's child context, are left
 * alone.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredWebFilter implements WebFilter, Ordered {

	/**
	 * The order of the filter: late, after Spring Security's {@code WebFilterChainProxy} (-100), before filters
	 * without an order.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private final UpgradeRequiredHandlerMapping handlerMapping;

	private final int order;

	/**
	 * Create a filter ordered at {@link #DEFAULT_ORDER}.
	 * @param handlerMapping looks up handlers, decides and writes refusals
	 */
	public UpgradeRequiredWebFilter(UpgradeRequiredHandlerMapping handlerMapping) {
		this(handlerMapping, DEFAULT_ORDER);
	}

	/**
	 * Create a filter.
	 * @param handlerMapping looks up handlers, decides and writes refusals
	 * @param order the order of the filter among the web filters
	 */
	public UpgradeRequiredWebFilter(UpgradeRequiredHandlerMapping handlerMapping, int order) {
		this.handlerMapping = handlerMapping;
		this.order = order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.handlerMapping.serves(exchange) || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		return this.handlerMapping.select(exchange).flatMap((selection) -> {
			Rejection rejection = selection.rejection();
			return (rejection != null) ? this.handlerMapping.refuse(rejection, exchange) : chain.filter(exchange);
		});
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
