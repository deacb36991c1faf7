package dev.upgraderequired.reactive;

import java.net.URI;
import java.util.List;

import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.UpgradeResponder;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a {@link Rejection} to a WebFlux response directly: no exception, no error handler, no message writer,
 * so the answer is the same whatever the request's {@code Accept} header says. HEAD requests get the same status
 * and headers and no body. Headers that described what a handler was about to send ({@code Content-Encoding},
 * {@code ETag}...) are removed; others, such as CORS ones, are kept.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ReactiveUpgradeResponseWriter {

	private final UpgradeResponder responder;

	private final ReactiveRequestFacts facts;

	/**
	 * Create a writer.
	 * @param responder renders the problem body
	 * @param facts tells the HTTP version of a request, which decides the headers
	 */
	public ReactiveUpgradeResponseWriter(UpgradeResponder responder, ReactiveRequestFacts facts) {
		this.responder = responder;
		this.facts = facts;
	}

	/**
	 * Write the 426 response.
	 * @param rejection the rejection
	 * @param exchange the exchange, whose response is not yet committed
	 * @return completes when the response has been written; errors if it was already committed
	 */
	public Mono<Void> write(Rejection rejection, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponse response = exchange.getResponse();
		if (!response.setStatusCode(HttpStatus.UPGRADE_REQUIRED)) {
			return Mono.error(new IllegalStateException("Response already committed, cannot send 426"));
		}
		HttpHeaders headers = response.getHeaders();
		for (String name : UpgradeResponder.REPRESENTATION_HEADERS) {
			headers.remove(name);
		}
		boolean http1 = this.facts.isHttp1(request);
		if (http1) {
			this.facts.beforeHttp1Refusal(request);
		}
		List<Rejection.Header> rejectionHeaders = rejection.headers(http1);
		for (int i = 0; i < rejectionHeaders.size(); i++) {
			Rejection.Header header = rejectionHeaders.get(i);
			headers.set(header.name(), header.value());
		}
		headers.set(HttpHeaders.CONTENT_TYPE, UpgradeResponder.PROBLEM_JSON);
		URI uri = request.getURI();
		String path = request.getPath().value();
		String host = uri.getHost();
		String httpsUrl = (this.facts.isSecure(request) || host == null) ? null
				: this.responder.httpsUrl(rejection, host, path, uri.getRawQuery());
		byte[] body = this.responder.body(rejection, path, httpsUrl);
		headers.setContentLength(body.length);
		if (HttpMethod.HEAD.equals(request.getMethod())) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
