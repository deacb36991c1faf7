package dev.upgraderequired.servlet;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Requires a WebSocket handshake on endpoints registered with Spring WebSocket, so that a plain request gets 426
 * with {@code Upgrade: websocket} instead of Spring's 400, and an unsupported {@code Sec-WebSocket-Version} gets
 * 426 with {@code Sec-WebSocket-Version: 13}. SockJS endpoints are left alone: they serve plain HTTP by design.
 *
 * @author upgrade-required
 */
final class WebSocketEndpointRequirementResolver implements HandlerRequirementResolver {

	@Override
	public @Nullable ProtocolRequirement resolve(Object handler) {
		return (handler instanceof WebSocketHttpRequestHandler) ? ProtocolRequirement.websocket() : null;
	}

	@Override
	public RequirementSource source() {
		return RequirementSource.WEBSOCKET;
	}

}
