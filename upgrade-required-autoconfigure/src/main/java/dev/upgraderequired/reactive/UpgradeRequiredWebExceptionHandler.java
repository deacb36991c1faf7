package dev.upgraderequired.reactive;

import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.UpgradeDecider;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders an {@link dev.upgraderequired.UpgradeRequiredException} (or a failure caused by one) exactly as
 * {@link UpgradeRequiredWebFilter} would: the requirement is decided against the actual request, so the headers suit
 * its HTTP version. Ordered at {@link #ORDER}, before Boot's error handler (-1), which would drop the headers, and
 * Spring's {@code WebFluxResponseStatusExceptionHandler} (0), which would send no body. Exceptions that annotated
 * controllers throw reach it through {@link UpgradeRequiredControllerAdvice} first.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredWebExceptionHandler implements WebExceptionHandler, Ordered {

	/**
	 * Before Boot's {@code ErrorWebExceptionHandler} (-1).
	 */
	public static final int ORDER = -2;

	private final ReactiveRequestFacts facts;

	private final ReactiveUpgradeResponseWriter writer;

	/**
	 * Create a handler.
	 * @param facts reads what a request offers
	 * @param writer writes refusals
	 */
	public UpgradeRequiredWebExceptionHandler(ReactiveRequestFacts facts, ReactiveUpgradeResponseWriter writer) {
		this.facts = facts;
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		Rejection rejection = exchange.getResponse().isCommitted() ? null
				: UpgradeDecider.decideFailure(ex, exchange.getRequest(), this.facts);
		return (rejection != null) ? this.writer.write(rejection, exchange) : Mono.error(ex);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
