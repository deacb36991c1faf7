package dev.upgraderequired.reactive;

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
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads what a request served by Reactor Netty offers: whether it is HTTP/2 from its channel (a stream of an h2 or h2c
 * connection), and the negotiated TLS protocol from the channel's {@link SslHandler} (for an HTTP/2 stream, the
 * connection's, on the parent channel). Keeps the {@code upgrade} connection option of responses that
 * Reactor Netty would drop (see {@link #beforeHttp1Upgrade}).
 * <p>
 * A request that is not backed by Reactor Netty, such as a mock request of {@code WebTestClient} bound to an
 * application context, is taken as HTTP/1.1 with an unknown TLS protocol.
 *
 * @author upgrade-required
 */
final class ReactorNettyRequestFacts implements ReactiveRequestFacts {

	// Stateless, so one instance serves every request.
	static final ReactorNettyRequestFacts INSTANCE = new ReactorNettyRequestFacts();

	private ReactorNettyRequestFacts() {
	}

	@Override
	public @Nullable String tlsProtocol(ServerHttpRequest request) {
		if (!(NativeRequests.of(request) instanceof Connection connection)) {
			return null;
		}
		Channel channel = connection.channel();
		SslHandler sslHandler = channel.pipeline().get(SslHandler.class);
		if (sslHandler == null && channel.parent() != null) {
			sslHandler = channel.parent().pipeline().get(SslHandler.class);
		}
		return (sslHandler != null) ? sslHandler.engine().getSession().getProtocol() : null;
	}

	/**
	 * Whether the request is not a stream of an h2 or h2c connection. Never decided from the version in the request
	 * line, which Netty's HTTP/1.1 decoder accepts as written ({@code GET / HTTP/3.0}), nor from the request's
	 * {@code Upgrade} header, which the first stream after an h2c upgrade still carries.
	 * @param request the request
	 * @return whether the exchange is not HTTP/2
	 */
	@Override
	public boolean isHttp1(ServerHttpRequest request) {
		return !(NativeRequests.of(request) instanceof Connection connection)
				|| !(connection.channel() instanceof Http2StreamChannel);
	}

	/**
	 * Make sure that the {@code Connection} header of a response with {@code Upgrade} (a 426, or a response served
	 * with the announcement of a requirement's date) keeps its {@code upgrade} option, which RFC 9110 (section 7.8)
	 * requires beside {@code Upgrade}: Reactor Netty replaces that header ({@code close} when the request asked to
	 * close the connection or is HTTP/1.0, none on a kept HTTP/1.1 connection) as the response goes out. A handler
	 * on the connection puts the option back into every response but a {@code 101} that has {@code Upgrade}; it is
	 * added once per connection, before its first such response.
	 * @param request the request whose response carries {@code Upgrade}
	 */
	@Override
	public void beforeHttp1Upgrade(ServerHttpRequest request) {
		if (NativeRequests.of(request) instanceof Connection connection) {
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

	@Override
	public String toString() {
		return "Reactor Netty";
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
			// A 426, or a response that announces a requirement's date, both with Upgrade.
			if (message instanceof HttpResponse response && response.status().code() != 101) {
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
