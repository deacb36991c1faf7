package dev.upgraderequired.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.Http2Exception;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.tcp.SslProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample on real Tomcat connectors (HTTPS with h2 on a random port, cleartext with h2c on another), driven by
 * real clients: the JDK HttpClient (TLS 1.2 and 1.3, h2c upgrade, WebSocket), Reactor Netty's HTTP/2 client
 * (strict about connection-specific headers) and a raw socket for request targets no client would send.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.http-port=0",
				// A list property comes whole from one source: the sample's own rule, plus one over the error page.
				"upgrade-required.rules[0].paths=/admin/**,/error", "upgrade-required.rules[0].protocol=tls" })
@Import(SampleApplicationIntegrationTests.MalformedHttp2Controller.class)
class SampleApplicationIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int httpsPort;

	@Autowired
	WebServerApplicationContext context;

	int httpPort;

	@BeforeEach
	void findCleartextPort() {
		this.httpPort = RawHttp.cleartextPort(this.context);
	}

	@Test
	void endpointWithoutRequirementAnswersOnCleartextAndTls() throws Exception {
		assertThat(send(http11(), http("/api/hello")).statusCode()).isEqualTo(200);
		assertThat(send(http11(), https("/api/hello")).statusCode()).isEqualTo(200);
	}

	@Test
	void tlsEndpointRefusesCleartextAndPointsToTheHttpsUrlWhichServesIt() throws Exception {
		HttpResponse<String> refused = send(http11(), http("/api/secure?x=1"));
		assertThat(refused.statusCode()).isEqualTo(426);
		assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(refused.headers().firstValue("Connection")).hasValue("Upgrade");
		assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(426);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/secure");
		String httpsUrl = problem.get("httpsUrl").asString();
		assertThat(httpsUrl).isEqualTo("https://localhost:" + this.httpsPort + "/api/secure?x=1");
		HttpResponse<String> served = send(http11(), HttpRequest.newBuilder(URI.create(httpsUrl)).build());
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(json.readTree(served.body()).get("secure").asBoolean()).isTrue();
	}

	@Test
	void minimumTlsVersionRefusesATls12ClientAndServesATls13Client() throws Exception {
		HttpResponse<String> tls12 = send(client(HttpClient.Version.HTTP_1_1, "TLSv1.2"), https("/api/modern"));
		assertThat(tls12.statusCode()).isEqualTo(426);
		assertThat(tls12.headers().firstValue("Upgrade")).hasValue("TLS/1.3, HTTP/1.1");
		assertThat(json.readTree(tls12.body()).get("detail").asString()).contains("TLS 1.3 or later");
		HttpResponse<String> tls13 = send(client(HttpClient.Version.HTTP_1_1, "TLSv1.3"), https("/api/modern"));
		assertThat(tls13.statusCode()).isEqualTo(200);
		assertThat(json.readTree(tls13.body()).get("tls").asString()).isEqualTo("TLSv1.3");
	}

	@Test
	void http2EndpointRefusesHttp11AndServesAfterAnH2cUpgrade() throws Exception {
		HttpResponse<String> http11 = send(http11(), http("/api/stream"));
		assertThat(http11.statusCode()).isEqualTo(426);
		assertThat(http11.headers().firstValue("Upgrade")).hasValue("h2c");
		HttpResponse<String> upgraded = send(client(HttpClient.Version.HTTP_2, null), http("/api/stream"));
		assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(upgraded.statusCode()).isEqualTo(200);
		HttpResponse<String> tls11 = send(http11(), https("/api/stream"));
		assertThat(tls11.statusCode()).isEqualTo(426);
		assertThat(tls11.headers().firstValue("Upgrade")).hasValue("HTTP/2.0");
		HttpResponse<String> alpn = send(client(HttpClient.Version.HTTP_2, null), https("/api/stream"));
		assertThat(alpn.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(alpn.statusCode()).isEqualTo(200);
	}

	@Test
	void strictHttp2ClientAcceptsA426OverH2c() {
		StrictResponse response = strictH2c("/api/secure");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.headers()).doesNotContainKeys("connection", "upgrade")
			.containsEntry("content-type", "application/problem+json")
			.containsEntry("cache-control", "no-store");
		assertThat(response.body()).contains("\"upgrade\":[\"TLS/1.3\",\"TLS/1.2\",\"HTTP/1.1\"]");
	}

	@Test
	void strictHttp2ClientAcceptsA426OverH2WithTls12() {
		reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create()
			.protocol(HttpProtocol.H2)
			.secure((spec) -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(DemoTls.CERTIFICATE).protocols("TLSv1.2"))));
		StrictResponse response = strict(client, "https://localhost:" + this.httpsPort + "/api/modern");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.headers()).doesNotContainKeys("connection", "upgrade");
		assertThat(response.body()).contains("TLS 1.3 or later");
	}

	@Test
	void strictHttp2ClientRejectsConnectionSpecificHeadersSoTheChecksAboveCanFail() {
		assertThatException().isThrownBy(() -> strictH2c("/test/malformed-http2"))
			.withRootCauseInstanceOf(Http2Exception.class)
			.withStackTraceContaining("Illegal connection-specific header");
	}

	@Test
	void webSocketEchoWorksWithARealHandshake() throws Exception {
		CompletableFuture<String> echoed = new CompletableFuture<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.httpPort + "/ws/echo"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					echoed.complete(data.toString());
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		socket.sendText("hello 426", true);
		assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("hello 426");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
	}

	@Test
	void plainGetOnWebSocketEndpointGets426UpgradeWebsocket() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/ws/echo");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("Upgrade")).isEqualTo("websocket");
		assertThat(response.header("Connection")).containsIgnoringCase("upgrade");
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
	}

	@Test
	void unsupportedWebSocketVersionGets426WithTheSupportedVersion() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/ws/echo", "Upgrade: websocket",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("Upgrade")).isEqualTo("websocket");
		assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
	}

	@Test
	void ruleFromPropertiesRefusesCleartextAndServesTls() throws Exception {
		assertThat(send(http11(), http("/admin/status")).statusCode()).isEqualTo(426);
		assertThat(send(http11(), https("/admin/status")).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/status", "/%61dmin/status", "/admin;x=1/status", "/ADMIN/status",
			"/Admin/Status", "/admin//status", "//admin/status", "/admin/./status", "/admin/status/",
			"/admin/x/../status", "/admin/%73tatus" })
	void ruleCoversEverySpellingOfItsPath(String target) throws Exception {
		assertThat(RawHttp.exchange(this.httpPort, "GET", target).status()).as(target).isEqualTo(426);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/secure", "/api/%73ecure", "/api;x=1/secure", "/api/secure;x=1", "/api/secure/",
			"/API/secure", "//api/secure", "/api//secure", "/api/./secure" })
	void annotationRefusesEverySpellingThatReachesItsEndpoint(String target) throws Exception {
		int overTls = RawHttp.exchangeTls(this.httpsPort, "GET", target).status();
		int overCleartext = RawHttp.exchange(this.httpPort, "GET", target).status();
		assertThat(overCleartext).as(target).isEqualTo((overTls == 200) ? 426 : overTls);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/secure", "/api/%73ecure", "/api;x=1/secure", "/api/secure;x=1" })
	void spellingsThatReachTheEndpointOverTlsExist(String target) throws Exception {
		assertThat(RawHttp.exchangeTls(this.httpsPort, "GET", target).body()).contains("\"endpoint\":\"secure\"");
	}

	@Test
	void clientSuppliedForwardingHeadersAreNotTrusted() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/api/secure", "X-Forwarded-Proto: https",
				"X-Forwarded-Port: 443", "Forwarded: proto=https", "X-Forwarded-Ssl: on");
		assertThat(response.status()).isEqualTo(426);
	}

	@Test
	void headGetsTheSameStatusAndHeadersAndNoBody() throws Exception {
		RawHttp.Response head = RawHttp.exchange(this.httpPort, "HEAD", "/api/secure");
		RawHttp.Response get = RawHttp.exchange(this.httpPort, "GET", "/api/secure");
		assertThat(head.status()).isEqualTo(426);
		assertThat(head.header("Upgrade")).isEqualTo(get.header("Upgrade"));
		assertThat(head.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.body().length()));
		assertThat(head.body()).isEmpty();
	}

	@Test
	void errorDispatchIsLeftAloneEvenWhereARuleCoversTheErrorPage() throws Exception {
		HttpResponse<String> response = send(http11(), http("/test/fails"));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Upgrade")).isEmpty();
		assertThat(json.readTree(response.body()).get("path").asString()).isEqualTo("/test/fails");
		assertThat(send(http11(), http("/error")).statusCode()).isEqualTo(426);
	}

	@Test
	void endpointWithoutRequirementServesARequestOfferingAnUpgrade() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/api/hello", "Upgrade: TLS/1.2",
				"Connection: Upgrade");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"endpoint\":\"hello\"");
	}

	private StrictResponse strictH2c(String path) {
		return strict(reactor.netty.http.client.HttpClient.create().protocol(HttpProtocol.H2C),
				"http://localhost:" + this.httpPort + path);
	}

	private static StrictResponse strict(reactor.netty.http.client.HttpClient client, String uri) {
		return client.get()
			.uri(uri)
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new StrictResponse(response.status().code(), headers(response), text)))
			.block(Duration.ofSeconds(10));
	}

	private static Map<String, String> headers(HttpClientResponse response) {
		Map<String, String> headers = new java.util.HashMap<>();
		response.responseHeaders().forEach((entry) -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
		return headers;
	}

	private HttpRequest http(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path)).build();
	}

	private HttpRequest https(String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.httpsPort + path)).build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpClient http11() {
		return client(HttpClient.Version.HTTP_1_1, null);
	}

	private static HttpClient client(HttpClient.Version version, String tlsProtocol) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(version)
			.sslContext(DemoTls.CONTEXT)
			.connectTimeout(Duration.ofSeconds(10));
		if (tlsProtocol != null) {
			SSLParameters parameters = new SSLParameters();
			parameters.setProtocols(new String[] { tlsProtocol });
			builder.sslParameters(parameters);
		}
		return builder.build();
	}

	record StrictResponse(int status, Map<String, String> headers, String body) {
	}

	/**
	 * Sends what this library must never send on HTTP/2, to prove that the strict client notices, and fails so that
	 * the error dispatch can be observed.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class MalformedHttp2Controller {

		@GetMapping("/test/malformed-http2")
		void malformed(HttpServletResponse response) throws Exception {
			response.setHeader(HttpHeaderNames.CONNECTION.toString(), "Upgrade");
			response.setHeader(HttpHeaderNames.UPGRADE.toString(), "TLS/1.2");
			response.getWriter().write("malformed");
		}

		@GetMapping("/test/fails")
		void fails() {
			throw new IllegalStateException("failing on purpose");
		}

	}

}
