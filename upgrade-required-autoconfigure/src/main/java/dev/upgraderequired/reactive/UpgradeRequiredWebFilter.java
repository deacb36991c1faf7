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
 * Ordered at {@link #DEFAULT_ORDER} (override {@link #getOrder()} in a bean of your own to change it): after the
 * observation and hidden-method filters, so that refusals are observed and the method is final, and before Spring
 * Security's filter chain. CORS pre-flight requests are let through: a
 * browser's pre-flight cannot follow an upgrade, the actual request is refused instead.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredWebFilter implements WebFilter, Ordered {

	/**
	 * The order of the filter: before Spring Security's {@code WebFilterChainProxy} (-100).
	 */
	public static final int DEFAULT_ORDER = -200;

	private final UpgradeRequiredHandlerMapping handlerMapping;

	private final ReactiveUpgradeResponseWriter writer;

	/**
	 * Create a filter.
	 * @param handlerMapping looks up handlers and decides
	 * @param writer writes refusals
	 */
	public UpgradeRequiredWebFilter(UpgradeRequiredHandlerMapping handlerMapping, ReactiveUpgradeResponseWriter writer) {
		this.handlerMapping = handlerMapping;
		this.writer = writer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		return this.handlerMapping.select(exchange).flatMap((selection) -> {
			Rejection rejection = selection.rejection();
			return (rejection != null) ? this.writer.write(rejection, exchange) : chain.filter(exchange);
		});
	}

	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

}
