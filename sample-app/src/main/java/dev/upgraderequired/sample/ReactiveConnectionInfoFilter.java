package dev.upgraderequired.sample;

import dev.upgraderequired.reactive.ReactiveRequestFacts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Describes the connection of each request in reactive mode (Reactor Netty, Tomcat or Jetty), where
 * {@link ServerHttpRequest} tells neither the HTTP version nor the TLS version, with the facts the starter reads for
 * the server the sample runs on.
 *
 * @author upgrade-required
 */
@Component
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveConnectionInfoFilter implements WebFilter {

	private final @Nullable ReactiveRequestFacts facts;

	ReactiveConnectionInfoFilter(ObjectProvider<ReactiveRequestFacts> facts) {
		this.facts = facts.getIfAvailable();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes().put(ConnectionInfo.ATTRIBUTE, describe(exchange.getRequest()));
		return chain.filter(exchange);
	}

	// With upgrade-required.enabled=false only what Spring tells is known.
	private ConnectionInfo describe(ServerHttpRequest request) {
		ReactiveRequestFacts facts = this.facts;
		if (facts == null) {
			return ConnectionInfo.of(true, "https".equals(request.getURI().getScheme()), null);
		}
		return ConnectionInfo.of(facts.isHttp1(request), facts.isSecure(request), facts.tlsProtocol(request));
	}

}
