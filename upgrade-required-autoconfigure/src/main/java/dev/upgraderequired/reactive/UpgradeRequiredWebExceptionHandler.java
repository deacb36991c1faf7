package dev.upgraderequired.reactive;

import dev.upgraderequired.core.Refusal;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.RequestPath;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders an {@link dev.upgraderequired.UpgradeRequiredException} (or a failure caused by one), decided against the
 * actual request; and answers 426 instead of 406 or 415 for a protected endpoint. Ordered at {@link #ORDER}, before
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

	private final ReactiveRefusalWriter writer;

	private final ReactiveMappedHandlerRequirements mappedRequirements;

	UpgradeRequiredWebExceptionHandler(ReactiveRefusalWriter writer,
			ReactiveMappedHandlerRequirements mappedRequirements) {
		this.writer = writer;
		this.mappedRequirements = mappedRequirements;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		Refusal refusal = exchange.getResponse().isCommitted() ? null : refusalFor(exchange, ex);
		return (refusal != null) ? this.writer.write(refusal, exchange) : Mono.error(ex);
	}

	/**
	 * Decide whether an exchange that failed is to be refused.
	 * @param exchange the exchange
	 * @param ex the failure
	 * @return the refusal, {@code null} if the failure is not about the protocol
	 */
	@Nullable Refusal refusalFor(ServerWebExchange exchange, Throwable ex) {
		RequestPath path = exchange.getRequest().getPath();
		return this.writer.policy()
			.decideFailure(ex, path.value(), path.contextPath().value(), exchange.getRequest(), this.writer.facts(),
					() -> this.mappedRequirements.forExchange(exchange),
					() -> this.mappedRequirements.forAnyMethod(exchange));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
