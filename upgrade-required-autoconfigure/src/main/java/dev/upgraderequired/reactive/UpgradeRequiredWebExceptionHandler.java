package dev.upgraderequired.reactive;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders an {@link dev.upgraderequired.UpgradeRequiredException} (or a failure caused by one), decided against the
 * actual request; and answers 426 instead of 405, 406 or 415 for a protected endpoint. Ordered at {@link #ORDER}, before
 * Boot's error handler (-1), which would drop the headers, and Spring's {@code WebFluxResponseStatusExceptionHandler}
 * (0), which would send no body. Exceptions that annotated controllers throw reach it through
 * {@link UpgradeRequiredControllerAdvice} first.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredWebExceptionHandler implements WebExceptionHandler, Ordered {

	/**
	 * Before Boot's {@code ErrorWebExceptionHandler} (-1).
	 */
	static final int ORDER = -2;

	private final RequestDecider decider;

	private final ReactiveRequestView view;

	private final ReactiveRefusalWriter writer;

	UpgradeRequiredWebExceptionHandler(RequestDecider decider, ReactiveRequestView view,
			ReactiveRefusalWriter writer) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		Decision.Respond decision = exchange.getResponse().isCommitted() ? null
				: this.decider.decideFailure(exchange, this.view, ex,
						exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE));
		return (decision != null) ? this.writer.write(decision.response(), exchange) : Mono.error(ex);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
