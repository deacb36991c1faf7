package dev.upgraderequired.reactive;

import dev.upgraderequired.core.UpgradeResponder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Reads what a request served by Reactor Netty offers: the HTTP version from the native
 * {@link HttpServerRequest}, and the negotiated TLS protocol from the channel's {@link SslHandler} (for an HTTP/2
 * stream, the connection's, on the parent channel). Keeps the {@code upgrade} connection option of refusals that
 * Reactor Netty would drop (see {@link #beforeHttp1Refusal}).
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

	/**
	 * Make sure that the {@code Connection} header of the refusal keeps its {@code upgrade} option, which RFC 9110
	 * (section 7.8) requires beside {@code Upgrade}: when the request asked to close the connection (or is HTTP/1.0),
	 * Reactor Netty replaces that header with {@code close} as the response goes out. A handler on the connection
	 * puts the option back into 426 responses; it is added once per connection, on its first refusal.
	 * @param request the request being refused
	 */
	@Override
	public void beforeHttp1Refusal(ServerHttpRequest request) {
		if (nativeRequest(request) instanceof Connection connection) {
			ChannelPipeline pipeline = connection.channel().pipeline();
			if (pipeline.get(UpgradeOptionKeeper.NAME) == null
					&& pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
				try {
					pipeline.addBefore(NettyPipeline.HttpTrafficHandler, UpgradeOptionKeeper.NAME,
							UpgradeOptionKeeper.INSTANCE);
				}
				catch (IllegalArgumentException ex) {
					// Added meanwhile, or the traffic handler went away: either way nothing is left to do.
				}
			}
		}
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

	/**
	 * Sits between Reactor Netty's HTTP codec and its traffic handler, so it sees each response after the traffic
	 * handler has set its {@code Connection} header.
	 */
	@Sharable
	private static final class UpgradeOptionKeeper extends ChannelOutboundHandlerAdapter {

		static final String NAME = "upgradeRequired.upgradeOption";

		static final UpgradeOptionKeeper INSTANCE = new UpgradeOptionKeeper();

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
			if (message instanceof HttpResponse response && response.status().code() == UpgradeResponder.STATUS) {
				HttpHeaders headers = response.headers();
				if (headers.contains(HttpHeaderNames.UPGRADE)
						&& !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
					String connection = headers.get(HttpHeaderNames.CONNECTION);
					headers.set(HttpHeaderNames.CONNECTION,
							(connection != null) ? "Upgrade, " + connection : "Upgrade");
				}
			}
			super.write(context, message, promise);
		}

	}

}
