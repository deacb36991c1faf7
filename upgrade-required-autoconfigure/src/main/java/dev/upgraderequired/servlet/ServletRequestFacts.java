package dev.upgraderequired.servlet;

import dev.upgraderequired.core.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads what a servlet request offers from what the container and Spring computed: {@code isSecure()} (which
 * honours {@code server.forward-headers-strategy}), the {@code jakarta.servlet.request.secure_protocol} attribute
 * and {@code getProtocol()}. Forwarding headers sent by the client are never read.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ServletRequestFacts implements RequestFacts<HttpServletRequest> {

	/**
	 * Stateless, so one instance serves every request.
	 */
	public static final ServletRequestFacts INSTANCE = new ServletRequestFacts();

	/**
	 * Request attribute in which servlet containers expose the negotiated TLS protocol.
	 */
	public static final String SECURE_PROTOCOL_ATTRIBUTE = "jakarta.servlet.request.secure_protocol";

	private ServletRequestFacts() {
	}

	@Override
	public boolean isSecure(HttpServletRequest request) {
		return request.isSecure();
	}

	@Override
	public @Nullable String tlsProtocol(HttpServletRequest request) {
		return (request.getAttribute(SECURE_PROTOCOL_ATTRIBUTE) instanceof String protocol) ? protocol : null;
	}

	@Override
	public boolean isHttp1(HttpServletRequest request) {
		// Never decided from the request's Upgrade header: after an h2c upgrade the first stream still carries it.
		String protocol = request.getProtocol();
		return protocol == null || protocol.startsWith("HTTP/1.") || protocol.startsWith("HTTP/0.");
	}

	@Override
	public boolean isWebSocketHandshake(HttpServletRequest request) {
		var values = request.getHeaders(HttpHeaders.UPGRADE);
		while (values != null && values.hasMoreElements()) {
			if (RequestFacts.listsToken(values.nextElement(), "websocket")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public @Nullable String webSocketVersion(HttpServletRequest request) {
		return request.getHeader("Sec-WebSocket-Version");
	}

}
