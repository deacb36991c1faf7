package dev.upgraderequired.reactive;

import dev.upgraderequired.UpgradeRequiredException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Renders an {@link UpgradeRequiredException} thrown by an annotated controller before any other
 * {@code @ControllerAdvice} can: WebFlux offers controller exceptions to {@code @ExceptionHandler} methods before
 * any {@link org.springframework.web.server.WebExceptionHandler}, and a catch-all handler, or Boot's problem details
 * handler ({@code spring.webflux.problemdetails.enabled}), would send the exception's HTTP/1 headers on HTTP/2 and
 * negotiate the body against {@code Accept}. Only a controller's own {@code @ExceptionHandler} methods come first.
 *
 * @author upgrade-required
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
final class UpgradeRequiredControllerAdvice {

	private final UpgradeRequiredWebExceptionHandler exceptionHandler;

	UpgradeRequiredControllerAdvice(UpgradeRequiredWebExceptionHandler exceptionHandler) {
		this.exceptionHandler = exceptionHandler;
	}

	@ExceptionHandler
	Mono<Void> upgradeRequired(UpgradeRequiredException ex, ServerWebExchange exchange) {
		return this.exceptionHandler.handle(exchange, ex);
	}

}
