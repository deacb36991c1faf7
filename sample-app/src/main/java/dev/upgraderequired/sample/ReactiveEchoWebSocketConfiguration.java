package dev.upgraderequired.sample;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.StandardWebSocketUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebSocket echo endpoint on {@code /ws/echo} in reactive mode; text messages only, like the servlet one in
 * {@link EchoWebSocketConfiguration}. WebFlux's configuration already provides the {@code WebSocketHandlerAdapter}.
 *
 * @author upgrade-required
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveEchoWebSocketConfiguration implements WebFluxConfigurer {

	// Ordered before the annotated controllers' mapping (0), as the WebFlux reference does.
	@Bean
	HandlerMapping echoWebSocketHandlerMapping() {
		return new SimpleUrlHandlerMapping(Map.of("/ws/echo", new EchoHandler()), -1);
	}

	@Override
	public WebSocketService getWebSocketService() {
		return new HandshakeWebSocketService(new ServerNeutralUpgradeStrategy());
	}

	static class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive()
				.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
				.map((message) -> session.textMessage(message.getPayloadAsText())));
		}

	}

	/**
	 * Upgrades with Reactor Netty's own support, or with Jakarta WebSocket on a servlet container (Tomcat, Jetty):
	 * Spring would otherwise pick one strategy by what is on the classpath, and the sample has every server.
	 */
	static class ServerNeutralUpgradeStrategy implements RequestUpgradeStrategy {

		private final RequestUpgradeStrategy servletContainer = new StandardWebSocketUpgradeStrategy();

		private final RequestUpgradeStrategy reactorNetty = new ReactorNettyRequestUpgradeStrategy();

		@Override
		public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
				Supplier<HandshakeInfo> handshakeInfoFactory) {
			Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
			RequestUpgradeStrategy strategy = (nativeRequest instanceof HttpServletRequest) ? this.servletContainer
					: this.reactorNetty;
			return strategy.upgrade(exchange, handler, subProtocol, handshakeInfoFactory);
		}

	}

}
