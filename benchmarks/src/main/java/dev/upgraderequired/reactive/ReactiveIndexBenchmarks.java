package dev.upgraderequired.reactive;

import dev.upgraderequired.benchmarks.index.IndexDecisionBenchmarks;
import dev.upgraderequired.core.RequestView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link IndexDecisionBenchmarks} with WebFlux's view of an exchange: the decision reads the path WebFlux parsed.
 *
 * @author upgrade-required
 */
public class ReactiveIndexBenchmarks extends IndexDecisionBenchmarks<ServerWebExchange> {

	@Override
	protected RequestView<ServerWebExchange> view() {
		return new ReactiveRequestView(new CleartextHttp1Facts(), new ReactiveMappedHandlerRequirements());
	}

	@Override
	protected ServerWebExchange cleartextRequest(String method, String path) {
		return MockServerWebExchange
			.from(MockServerHttpRequest.method(HttpMethod.valueOf(method), "http://localhost" + path));
	}

	// What a server reports of a cleartext HTTP/1.1 request, which the requests here are (whether they are secure is
	// read from the URI's scheme, as on Reactor Netty).
	private static final class CleartextHttp1Facts implements ReactiveRequestFacts {

		@Override
		public @Nullable String tlsProtocol(ServerHttpRequest request) {
			return null;
		}

		@Override
		public boolean isHttp1(ServerHttpRequest request) {
			return true;
		}

	}

}
