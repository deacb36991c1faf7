package dev.upgraderequired.sample;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The WebSocket echo endpoint on {@code /ws/echo} in reactive mode; text messages only, like the servlet one in
 * {@link EchoWebSocketConfiguration}. WebFlux's configuration already provides the {@code WebSocketHandlerAdapter}.
 *
 * @author upgrade-required
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveEchoWebSocketConfiguration {

	// Ordered before the annotated controllers' mapping (0), as the WebFlux reference does.
	@Bean
	HandlerMapping echoWebSocketHandlerMapping() {
		return new SimpleUrlHandlerMapping(Map.of("/ws/echo", new EchoHandler()), -1);
	}

	static class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive()
				.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
				.map((message) -> session.textMessage(message.getPayloadAsText())));
		}

	}

}
