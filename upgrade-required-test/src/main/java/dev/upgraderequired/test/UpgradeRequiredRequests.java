package dev.upgraderequired.test;

import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * {@code MockMvc} and {@code MockMvcTester} request post-processors that make a request look as the starter reads a
 * servlet container's request: arrived over TLS with a negotiated protocol (the Servlet request attribute
 * {@value #SECURE_PROTOCOL_ATTRIBUTE}, and {@code isSecure()}), as an HTTP/2 stream ({@code getProtocol()} is
 * {@code HTTP/2.0}), or as a WebSocket handshake (its headers). A request without them is cleartext HTTP/1.1.
 * <pre class="code">
 * assertThat(mvc.get().uri("/api/secure").with(tls(TlsVersion.TLS_1_3))).hasStatusOk();
 * assertThatRefusal(mvc.get().uri("/api/secure").exchange()).offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1");
 * </pre>
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredRequests {

	/**
	 * The Servlet request attribute of the negotiated TLS protocol, such as {@code TLSv1.3}.
	 */
	public static final String SECURE_PROTOCOL_ATTRIBUTE = "jakarta.servlet.request.secure_protocol";

	private UpgradeRequiredRequests() {
	}

	/**
	 * Make the request arrive over TLS 1.3.
	 * @return the post-processor
	 */
	public static RequestPostProcessor tls() {
		return tls(TlsVersion.TLS_1_3);
	}

	/**
	 * Make the request arrive over a TLS version.
	 * @param version the version, such as {@link TlsVersion#TLS_1_2}; {@link TlsVersion#ANY} for TLS whose version
	 * the server does not know (as behind a TLS-terminating proxy)
	 * @return the post-processor
	 */
	public static RequestPostProcessor tls(TlsVersion version) {
		return secure((version != TlsVersion.ANY) ? "TLSv" + version.version() : null);
	}

	/**
	 * Make the request arrive over TLS with a protocol of any name, such as {@code TLSv1.1}, which no minimum TLS
	 * version accepts.
	 * @param protocol the protocol as the server names it
	 * @return the post-processor
	 */
	public static RequestPostProcessor tlsProtocol(String protocol) {
		return secure(protocol);
	}

	private static RequestPostProcessor secure(@Nullable String protocol) {
		return (request) -> {
			request.setSecure(true);
			request.setScheme("https");
			if (request.getServerPort() == 80) {
				request.setServerPort(443);
			}
			if (protocol != null) {
				request.setAttribute(SECURE_PROTOCOL_ATTRIBUTE, protocol);
			}
			return request;
		};
	}

	/**
	 * Make the request a stream of an HTTP/2 connection.
	 * @return the post-processor
	 */
	public static RequestPostProcessor http2() {
		return (request) -> {
			request.setProtocol("HTTP/2.0");
			return request;
		};
	}

	/**
	 * Make the request a WebSocket handshake of version 13.
	 * @return the post-processor
	 */
	public static RequestPostProcessor webSocketHandshake() {
		return webSocketHandshake("13");
	}

	/**
	 * Make the request a WebSocket handshake.
	 * @param version the {@code Sec-WebSocket-Version} it asks for
	 * @return the post-processor
	 */
	public static RequestPostProcessor webSocketHandshake(String version) {
		return (request) -> {
			request.addHeader(HttpHeaders.UPGRADE, "websocket");
			request.addHeader(HttpHeaders.CONNECTION, "Upgrade");
			request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
			request.addHeader("Sec-WebSocket-Version", version);
			return request;
		};
	}

}
