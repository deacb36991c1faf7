package dev.upgraderequired.reactive;

import java.util.List;

import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.ResponsePlan;
import dev.upgraderequired.core.UpgradePolicy;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Copies the core's response to a refusal onto a WebFlux response: no exception, no error handler, no message
 * writer, so the answer is the same whatever the request's {@code Accept} header says. Headers that described what a
 * handler was about to send are removed; others, such as CORS ones, are kept.
 *
 * @author upgrade-required
 */
final class ReactiveRefusalWriter {

	private final UpgradePolicy policy;

	private final ReactiveRequestFacts facts;

	ReactiveRefusalWriter(UpgradePolicy policy, ReactiveRequestFacts facts) {
		this.policy = policy;
		this.facts = facts;
	}

	UpgradePolicy policy() {
		return this.policy;
	}

	ReactiveRequestFacts facts() {
		return this.facts;
	}

	/**
	 * Write the response to a refusal of the handler that the exchange's lookup recorded, and tell the policy's
	 * observers.
	 * @param refusal the refusal
	 * @param exchange the exchange, with the attributes its handler lookup recorded, whose response is not yet
	 * committed
	 * @return completes when the response has been written; errors if it was already committed
	 */
	Mono<Void> write(Refusal refusal, ServerWebExchange exchange) {
		return write(refusal, exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE), exchange);
	}

	/**
	 * Write the response to a refusal, and tell the policy's observers.
	 * @param refusal the refusal
	 * @param handler the handler the request was decided for, {@code null} if none is known
	 * @param exchange the exchange, with the attributes its handler lookup recorded, whose response is not yet
	 * committed
	 * @return completes when the response has been written; errors if it was already committed
	 */
	Mono<Void> write(Refusal refusal, @Nullable Object handler, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		ResponsePlan plan = this.policy.plan(refusal, request, this.facts, request.getPath().value(),
				request.getURI().getHost(), request.getURI().getRawQuery());
		Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		this.policy.refused(refusal, plan.status(), handler,
				(pattern instanceof PathPattern pathPattern) ? pathPattern.getPatternString()
						: (pattern != null) ? pattern.toString() : null,
				request.getPath().value(), request.getPath().contextPath().value(), request, this.facts);
		ServerHttpResponse response = exchange.getResponse();
		if (!response.setStatusCode(HttpStatusCode.valueOf(plan.status()))) {
			return Mono.error(new IllegalStateException("Response already committed, cannot send " + plan.status()));
		}
		HttpHeaders headers = response.getHeaders();
		for (String name : ResponsePlan.REPRESENTATION_HEADERS) {
			headers.remove(name);
		}
		if (plan.status() == HttpStatus.UPGRADE_REQUIRED.value() && this.facts.isHttp1(request)) {
			this.facts.beforeHttp1Refusal(request);
		}
		List<ResponsePlan.Header> planned = plan.headers();
		for (int i = 0; i < planned.size(); i++) {
			ResponsePlan.Header header = planned.get(i);
			headers.set(header.name(), header.value());
		}
		if (plan.vary() != null) {
			headers.add(HttpHeaders.VARY, plan.vary());
		}
		if (plan.contentType() != null) {
			headers.set(HttpHeaders.CONTENT_TYPE, plan.contentType());
		}
		else {
			// A redirect has no body, and no type a handler may have set.
			headers.remove(HttpHeaders.CONTENT_TYPE);
		}
		headers.setContentLength(plan.contentLength());
		byte[] body = plan.body();
		return (body.length == 0) ? response.setComplete()
				: response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
