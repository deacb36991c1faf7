package dev.upgraderequired.reactive;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Reads what a request served by Reactor Netty offers: the HTTP version from the native
 * {@link HttpServerRequest}, and the negotiated TLS protocol from the channel's {@link SslHandler} (for an HTTP/2
 * stream, the connection's, on the parent channel).
 * <p>
 * A request that is not backed by Reactor Netty, such as a mock request of {@code WebTestClient} bound to an
 * application context, is taken as HTTP/1.1 with an unknown TLS protocol.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ReactorNettyRequestFacts implements ReactiveRequestFacts {

	/**
	 * Stateless, so one instance serves every request.
	 */
	public static final ReactorNettyRequestFacts INSTANCE = new ReactorNettyRequestFacts();

	private ReactorNettyRequestFacts() {
	}

	@Override
	public @Nullable String tlsProtocol(ServerHttpRequest request) {
		if (!(nativeRequest(request) instanceof Connection connection)) {
			return null;
		}
		Channel channel = connection.channel();
		SslHandler sslHandler = channel.pipeline().get(SslHandler.class);
		if (sslHandler == null && channel.parent() != null) {
			sslHandler = channel.parent().pipeline().get(SslHandler.class);
		}
		return (sslHandler != null) ? sslHandler.engine().getSession().getProtocol() : null;
	}

	@Override
	public boolean isHttp1(ServerHttpRequest request) {
		// Never decided from the request's Upgrade header: after an h2c upgrade the first stream still carries it.
		return !(nativeRequest(request) instanceof HttpServerRequest nettyRequest)
				|| nettyRequest.version().majorVersion() < 2;
	}

	private static @Nullable Object nativeRequest(ServerHttpRequest request) {
		try {
			return ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Not a server's request: a mock, or a decorator around one.
			return null;
		}
	}

}
