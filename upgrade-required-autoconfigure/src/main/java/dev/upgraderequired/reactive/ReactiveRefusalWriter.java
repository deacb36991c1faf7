package dev.upgraderequired.reactive;

import java.util.List;

import dev.upgraderequired.core.ResponsePlan;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Copies the core's response to a refusal onto a WebFlux response: no exception, no error handler, no message
 * writer, so the answer is the same whatever the request's {@code Accept} header says. Headers that described what a
 * handler was about to send are removed; others, such as CORS ones, are kept. Also adds the headers that announce a
 * requirement's date to a response that is served.
 *
 * @author upgrade-required
 */
final class ReactiveRefusalWriter {

	private final ReactiveRequestFacts facts;

	ReactiveRefusalWriter(ReactiveRequestFacts facts) {
		this.facts = facts;
	}

	/**
	 * Write a response.
	 * @param plan the response
	 * @param exchange the exchange, whose response is not yet committed
	 * @return completes when the response has been written; errors if it was already committed
	 */
	Mono<Void> write(ResponsePlan plan, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponse response = exchange.getResponse();
		if (!response.setStatusCode(HttpStatusCode.valueOf(plan.status()))) {
			return Mono.error(new IllegalStateException("Response already committed, cannot send " + plan.status()));
		}
		HttpHeaders headers = response.getHeaders();
		for (String name : ResponsePlan.STALE_HEADERS) {
			headers.remove(name);
		}
		if (plan.status() == HttpStatus.UPGRADE_REQUIRED.value() && this.facts.isHttp1(request)) {
			this.facts.beforeHttp1Upgrade(request);
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

	/**
	 * Add the headers that announce a requirement's date to the response of a request that is served.
	 * @param announcement the headers, empty for none
	 * @param exchange the exchange, whose response is not yet committed
	 */
	void announce(List<ResponsePlan.Header> announcement, ServerWebExchange exchange) {
		if (announcement.isEmpty()) {
			return;
		}
		HttpHeaders headers = exchange.getResponse().getHeaders();
		for (int i = 0; i < announcement.size(); i++) {
			ResponsePlan.Header header = announcement.get(i);
			if (!HttpHeaders.LINK.equals(header.name())) {
				headers.set(header.name(), header.value());
			}
			else if (!headers.getValuesAsList(HttpHeaders.LINK).contains(header.value())) {
				// Beside the application's own links, once.
				headers.add(HttpHeaders.LINK, header.value());
			}
		}
		if (headers.containsHeader(HttpHeaders.UPGRADE)) {
			this.facts.beforeHttp1Upgrade(exchange.getRequest());
		}
	}

}
