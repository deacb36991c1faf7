package dev.upgraderequired.reactive;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Requires a WebSocket handshake on WebFlux {@link WebSocketHandler} mappings, so that a plain request gets 426 with
 * {@code Upgrade: websocket} instead of WebFlux's 400, and an unsupported {@code Sec-WebSocket-Version}, which
 * WebFlux does not check, gets 426 with {@code Sec-WebSocket-Version: 13}.
 *
 * @author upgrade-required
 */
final class ReactiveWebSocketRequirementResolver implements HandlerRequirementResolver {

	@Override
	public @Nullable ProtocolRequirement resolve(Object handler) {
		return (handler instanceof WebSocketHandler) ? ProtocolRequirement.websocket() : null;
	}

	@Override
	public RequirementSource source() {
		return RequirementSource.WEBSOCKET;
	}

}
