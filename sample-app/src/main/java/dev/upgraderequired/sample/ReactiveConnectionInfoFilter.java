package dev.upgraderequired.sample;

import dev.upgraderequired.reactive.ReactorNettyRequestFacts;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Describes the connection of each request on Reactor Netty, where {@link ServerHttpRequest} tells neither the HTTP
 * version nor the TLS version: the first comes from the native Reactor Netty request, the second from the same
 * place the starter reads it ({@link ReactorNettyRequestFacts}).
 *
 * @author upgrade-required
 */
@Component
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveConnectionInfoFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes().put(ConnectionInfo.ATTRIBUTE, describe(exchange.getRequest()));
		return chain.filter(exchange);
	}

	private static ConnectionInfo describe(ServerHttpRequest request) {
		HttpServerRequest nettyRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		String tls = ReactorNettyRequestFacts.INSTANCE.tlsProtocol(request);
		return new ConnectionInfo(nettyRequest.version().text(), ReactorNettyRequestFacts.INSTANCE.isSecure(request),
				(tls != null) ? tls : ConnectionInfo.NO_TLS);
	}

}
