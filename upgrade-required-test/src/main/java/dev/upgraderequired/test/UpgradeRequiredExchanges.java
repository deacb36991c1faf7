package dev.upgraderequired.test;

import java.net.URI;
import java.util.function.Consumer;

import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.reactive.MockRequestProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code WebTestClient} configurers for mock exchanges (bound to an application context, a router or a controller,
 * and {@code @WebFluxTest}) that make every request of the client look as the starter reads a server's request:
 * arrived over TLS with a negotiated protocol, or as an HTTP/2 stream (through {@link MockRequestProtocol}, which the
 * starter reads only where no server runs); and the headers of a WebSocket handshake. They can be combined.
 * <pre class="code">
 * client.mutateWith(tls(TlsVersion.TLS_1_2)).get().uri("/api/modern").exchange().expectStatus().isEqualTo(426);
 * client.mutateWith(http2()).get().uri("/api/stream").exchange().expectStatus().isOk();
 * client.get().uri("/ws/echo").headers(webSocketHandshake()).exchange()...
 * </pre>
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredExchanges {

	private UpgradeRequiredExchanges() {
	}

	/**
	 * Make every request arrive over TLS 1.3.
	 * @return the configurer
	 */
	public static WebTestClientConfigurer tls() {
		return tls(TlsVersion.TLS_1_3);
	}

	/**
	 * Make every request arrive over a TLS version.
	 * @param version the version; {@link TlsVersion#ANY} for TLS whose version the server does not know
	 * @return the configurer
	 */
	public static WebTestClientConfigurer tls(TlsVersion version) {
		return connection(true, (version != TlsVersion.ANY) ? "TLSv" + version.version() : null, false);
	}

	/**
	 * Make every request arrive over TLS with a protocol of any name, such as {@code TLSv1.1}.
	 * @param protocol the protocol as the server names it
	 * @return the configurer
	 */
	public static WebTestClientConfigurer tlsProtocol(String protocol) {
		return connection(true, protocol, false);
	}

	/**
	 * Make every request a stream of an HTTP/2 connection.
	 * @return the configurer
	 */
	public static WebTestClientConfigurer http2() {
		return connection(false, null, true);
	}

	/**
	 * Return the headers of a WebSocket handshake of version 13, for {@code headers(...)} of a request.
	 * @return the headers
	 */
	public static Consumer<HttpHeaders> webSocketHandshake() {
		return webSocketHandshake("13");
	}

	/**
	 * Return the headers of a WebSocket handshake, for {@code headers(...)} of a request.
	 * @param version the {@code Sec-WebSocket-Version} it asks for
	 * @return the headers
	 */
	public static Consumer<HttpHeaders> webSocketHandshake(String version) {
		return (headers) -> {
			headers.set(HttpHeaders.UPGRADE, "websocket");
			headers.set(HttpHeaders.CONNECTION, "Upgrade");
			headers.set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
			headers.set("Sec-WebSocket-Version", version);
		};
	}

	private static WebTestClientConfigurer connection(boolean secure, @Nullable String tlsProtocol, boolean http2) {
		return new WebTestClientConfigurer() {

			@Override
			public void afterConfigurerAdded(WebTestClient.Builder builder,
					@Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
				if (httpHandlerBuilder == null) {
					throw new IllegalStateException("The connection of a request can only be set for mock exchanges: "
							+ "a WebTestClient bound to a running server sends real requests, whose connection the "
							+ "server reports");
				}
				WebFilter filter = (exchange, chain) -> chain.filter(exchange.mutate()
					.request(new MockConnection(exchange.getRequest(), secure, tlsProtocol, http2))
					.build());
				// First, so that every filter and handler, the starter's included, sees the connection.
				httpHandlerBuilder.filters((filters) -> filters.add(0, filter));
			}

		};
	}

	/**
	 * A mock request with the connection a configurer gives it, on top of those of configurers applied before.
	 */
	private static final class MockConnection extends ServerHttpRequestDecorator implements MockRequestProtocol {

		private final boolean secure;

		private final @Nullable String tlsProtocol;

		private final boolean http2;

		MockConnection(ServerHttpRequest request, boolean secure, @Nullable String tlsProtocol, boolean http2) {
			super(request);
			MockConnection earlier = earlier(request);
			this.secure = secure || (earlier != null && earlier.secure);
			this.tlsProtocol = (tlsProtocol != null) ? tlsProtocol : (earlier != null) ? earlier.tlsProtocol : null;
			this.http2 = http2 || (earlier != null && earlier.http2);
		}

		private static @Nullable MockConnection earlier(ServerHttpRequest request) {
			ServerHttpRequest candidate = request;
			while (candidate instanceof ServerHttpRequestDecorator decorator) {
				if (decorator instanceof MockConnection connection) {
					return connection;
				}
				candidate = decorator.getDelegate();
			}
			return null;
		}

		@Override
		public URI getURI() {
			URI uri = super.getURI();
			if (!this.secure || "https".equals(uri.getScheme())) {
				return uri;
			}
			return UriComponentsBuilder.fromUri(uri).scheme("https").port((uri.getPort() == 80) ? -1 : uri.getPort())
				.build(true)
				.toUri();
		}

		@Override
		public @Nullable String tlsProtocol() {
			return this.tlsProtocol;
		}

		@Override
		public boolean isHttp2() {
			return this.http2;
		}

	}

}
