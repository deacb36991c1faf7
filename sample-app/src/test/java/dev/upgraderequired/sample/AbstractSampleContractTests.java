package dev.upgraderequired.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import javax.net.ssl.SSLParameters;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.UpgradeRequiredException;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.DefaultHttpFirewall;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behavioural contract of upgrade-required, written once and run against each web stack by a subclass: the
 * sample on real servers (HTTPS with h2 on a random port, cleartext with h2c on another), driven by real clients:
 * the JDK HttpClient (TLS 1.2 and 1.3, h2c upgrade, WebSocket), Reactor Netty's HTTP/2 client (strict about
 * connection-specific headers) and a raw socket for request targets and headers no client would send.
 * <p>
 * Subclasses run the sample on one server each (Tomcat, Jetty, Reactor Netty), with {@code sample.http-port=0} (the
 * starter's cleartext listener, on a random port), the sample's rule on {@code /admin/**}, and
 * {@link ContractEndpoints} imported.
 */
abstract class AbstractSampleContractTests {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final String DEMO_CREDENTIALS = "Authorization: Basic ZGVtbzpkZW1v";

	// A status line, which follows the body of the response before it on the same line of text.
	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 \\d{3}");

	@LocalServerPort
	int httpsPort;

	@Value("${local.upgrade-required.cleartext.port}")
	int httpPort;

	@Autowired
	WebServerApplicationContext context;

	/**
	 * Return the type of server this run of the contract is for.
	 * @return the type of the application's web server
	 */
	abstract Class<? extends WebServer> server();

	@Test
	void servedByTheServerOfThisRunOnATlsAndACleartextPort() throws Exception {
		assertThat(this.context.getWebServer()).isInstanceOf(server());
		assertThat(this.httpPort).isPositive().isNotEqualTo(this.httpsPort);
		assertThat(send(http11(), http("/api/hello")).headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
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
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isEqualTo("Upgrade Required");
		assertThat(problem.get("status").asInt()).isEqualTo(426);
		assertThat(problem.get("detail").asString()).contains("only served over TLS");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/secure");
		assertThat(problem.get("upgrade").valueStream().map(JsonNode::asString))
			.containsExactly("TLS/1.3", "TLS/1.2", "HTTP/1.1");
		String httpsUrl = problem.get("httpsUrl").asString();
		assertThat(httpsUrl).isEqualTo("https://localhost:" + this.httpsPort + "/api/secure?x=1");
		HttpResponse<String> served = send(http11(), HttpRequest.newBuilder(URI.create(httpsUrl)).build());
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(json.readTree(served.body()).get("secure").asBoolean()).isTrue();
	}

	@Test
	void browserNavigationOverCleartextIsRedirectedToTheHttpsUrlWhichServesIt() throws Exception {
		String httpsUrl = "https://localhost:" + this.httpsPort + "/api/secure?x=1";
		HttpResponse<String> redirected = send(http11(), navigation(http("/api/secure?x=1")));
		assertThat(redirected.statusCode()).isEqualTo(308);
		assertThat(redirected.headers().firstValue("Location")).hasValue(httpsUrl);
		assertThat(redirected.headers().allValues("Vary")).containsExactly("Sec-Fetch-Mode");
		assertThat(redirected.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(redirected.headers().map()).doesNotContainKeys("upgrade", "content-type");
		assertThat(redirected.body()).isEmpty();
		HttpResponse<String> served = send(http11(), navigation(HttpRequest.newBuilder(URI.create(httpsUrl)).build()));
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(json.readTree(served.body()).get("secure").asBoolean()).isTrue();
		// Neither the starter (Spring Security is present) nor Security (turned off in the sample) sends HSTS here.
		assertThat(served.headers().map()).doesNotContainKey("strict-transport-security");
		// Without Sec-Fetch-Mode, as a browser navigates to a host that is not loopback over cleartext.
		RawHttp.Response byAccept = RawHttp.exchange(this.httpPort, "GET", "/api/modern",
				"Upgrade-Insecure-Requests: 1",
				"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		assertThat(byAccept.status()).isEqualTo(308);
		assertThat(byAccept.header("Location")).isEqualTo("https://localhost:" + this.httpsPort + "/api/modern");
		assertThat(byAccept.header("Vary")).isEqualTo("Sec-Fetch-Mode, Upgrade-Insecure-Requests, Accept");
		RawHttp.Response head = RawHttp.exchange(this.httpPort, "HEAD", "/admin/status", "Sec-Fetch-Mode: navigate");
		assertThat(head.status()).isEqualTo(308);
		assertThat(head.body()).isEmpty();
	}

	@Test
	void browserNavigationOverH2cIsRedirectedWithoutConnectionSpecificHeaders() {
		StrictResponse response = strict(reactor.netty.http.client.HttpClient.create()
			.protocol(HttpProtocol.H2C)
			.headers((headers) -> headers.add("Sec-Fetch-Mode", "navigate")),
				"http://localhost:" + this.httpPort + "/api/secure");
		assertThat(response.status()).isEqualTo(308);
		assertThat(response.headers()).doesNotContainKeys("connection", "upgrade")
			.containsEntry("location", "https://localhost:" + this.httpsPort + "/api/secure")
			.containsEntry("vary", "Sec-Fetch-Mode");
	}

	@Test
	void navigationToAnEndpointThatNeedsCredentialsIsRedirectedBeforeSpringSecurityAsksForThem() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/api/account", "Sec-Fetch-Mode: navigate");
		assertThat(response.status()).isEqualTo(308);
		assertThat(response.header("Location")).isEqualTo("https://localhost:" + this.httpsPort + "/api/account");
		assertThat(response.header("WWW-Authenticate")).isNull();
	}

	@Test
	void scriptsPostsAndNavigationsThatLackMoreThanTlsKeepTheir426() throws Exception {
		HttpResponse<String> fetch = send(http11(),
				HttpRequest.newBuilder(http("/api/secure").uri()).header("Sec-Fetch-Mode", "cors").build());
		assertThat(fetch.statusCode()).isEqualTo(426);
		assertThat(fetch.headers().allValues("Vary")).containsExactly("Sec-Fetch-Mode");
		assertThat(json.readTree(fetch.body()).get("httpsUrl").asString())
			.isEqualTo("https://localhost:" + this.httpsPort + "/api/secure");
		RawHttp.Response post = RawHttp.exchangeWithBody(this.httpPort, false, "POST", "/api/account", "x=1",
				"Content-Type: application/x-www-form-urlencoded", "Sec-Fetch-Mode: navigate");
		assertThat(post.status()).isEqualTo(426);
		assertThat(post.header("Location")).isNull();
		for (String path : List.of("/api/stream", "/ws/echo")) {
			RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", path, "Sec-Fetch-Mode: navigate");
			assertThat(response.status()).as(path).isEqualTo(426);
			assertThat(response.header("Location")).as(path).isNull();
		}
		// Over TLS, a navigation refused for its TLS version is told what to do, not redirected.
		HttpResponse<String> tls12 = send(client(HttpClient.Version.HTTP_1_1, "TLSv1.2"),
				navigation(https("/api/modern")));
		assertThat(tls12.statusCode()).isEqualTo(426);
	}

	@Test
	void cleartextPageOfTheBrowserCheckIsServedOverCleartext() throws Exception {
		HttpResponse<String> page = send(http11(), navigation(http("/browser-check.html")));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("fetch('/api/secure')");
	}

	static HttpRequest navigation(HttpRequest request) {
		return HttpRequest.newBuilder(request, (name, value) -> true).header("Sec-Fetch-Mode", "navigate").build();
	}

	@Test
	void actuatorEndpointListsTheTlsRequirementOfTheSecureEndpointToTheDemoUserOverTls() throws Exception {
		HttpResponse<String> report = send(http11(), demoUser(https("/actuator/upgraderequired")));
		assertThat(report.statusCode()).isEqualTo(200);
		JsonNode secure = null;
		for (JsonNode endpoint : json.readTree(report.body()).get("endpoints")) {
			if (endpoint.get("patterns").valueStream().anyMatch((p) -> p.asString().equals("/api/secure"))) {
				secure = endpoint;
			}
		}
		assertThat(secure).isNotNull();
		assertThat(secure.get("handler").asString())
			.isEqualTo("dev.upgraderequired.sample.ApiController#secure(ConnectionInfo)");
		assertThat(secure.get("requirement").asString()).isEqualTo("TLS");
		assertThat(secure.get("sources").get(0).get("source").asString()).isEqualTo("annotation");
		assertThat(send(http11(), https("/actuator/upgraderequired")).statusCode()).isEqualTo(401);
		// The demo user's password is never asked for over cleartext.
		for (String path : new String[] { "/actuator", "/actuator/upgraderequired", "/actuator/metrics" }) {
			HttpResponse<String> cleartext = send(http11(), http(path));
			assertThat(cleartext.statusCode()).as(path).isEqualTo(426);
			assertThat(cleartext.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
		}
		assertThat(send(http11(), http("/actuator/health")).statusCode()).isEqualTo(200);
	}

	@Test
	void refusalCounterRisesAfterARefusedRequest() throws Exception {
		double before = refusals("tls-required", "annotation", "/api/secure");
		assertThat(send(http11(), http("/api/secure")).statusCode()).isEqualTo(426);
		assertThat(send(http11(), https("/api/secure")).statusCode()).isEqualTo(200);
		assertThat(refusals("tls-required", "annotation", "/api/secure")).isEqualTo(before + 1);
	}

	@Test
	void stagedRuleServesCleartextAndAnnouncesItsDateWithTheUpgradeToMake() throws Exception {
		HttpResponse<String> cleartext = send(http11(), http("/api/staged"));
		assertThat(cleartext.statusCode()).isEqualTo(200);
		assertThat(json.readTree(cleartext.body()).get("endpoint").asString()).isEqualTo("staged");
		assertThat(cleartext.headers().firstValue("Sunset")).hasValue("Thu, 01 Jan 2099 00:00:00 GMT");
		assertThat(cleartext.headers().firstValue("Deprecation")).hasValue("@4070908800");
		assertThat(cleartext.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
		// The connection option that goes with Upgrade, which the JDK client does not show.
		RawHttp.Response raw = RawHttp.exchange(this.httpPort, "GET", "/api/staged");
		assertThat(raw.status()).isEqualTo(200);
		assertThat(raw.header("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(raw.header("Connection")).containsIgnoringCase("upgrade");
		HttpResponse<String> tls = send(http11(), https("/api/staged"));
		assertThat(tls.statusCode()).isEqualTo(200);
		assertThat(tls.headers().map()).doesNotContainKeys("sunset", "deprecation", "upgrade");
	}

	@Test
	void stagedRuleAnnouncesItsDateOverH2cWithoutConnectionSpecificHeaders() {
		StrictResponse h2c = strictH2c("/api/staged");
		assertThat(h2c.status()).isEqualTo(200);
		assertThat(h2c.headers()).doesNotContainKeys("connection", "upgrade")
			.containsEntry("sunset", "Thu, 01 Jan 2099 00:00:00 GMT")
			.containsEntry("deprecation", "@4070908800");
	}

	@Test
	void stagedRuleIsEnforcedFromItsDateWithoutARestart(@Autowired ContractClock clock) throws Exception {
		double before = refusals("tls-required", "rule", "/api/staged", true);
		clock.set(Instant.parse("2099-01-01T00:00:00Z"));
		try {
			HttpResponse<String> cleartext = send(http11(), http("/api/staged"));
			assertThat(cleartext.statusCode()).isEqualTo(426);
			assertThat(cleartext.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			assertThat(cleartext.headers().map()).doesNotContainKeys("sunset", "deprecation");
			assertThat(send(http11(), https("/api/staged")).statusCode()).isEqualTo(200);
		}
		finally {
			clock.set(null);
		}
		assertThat(refusals("tls-required", "rule", "/api/staged", true)).isEqualTo(before + 1);
	}

	@Test
	void reportOnlyEndpointIsServedAndCountedAsNotEnforced() throws Exception {
		double before = refusals("tls-required", "annotation", "/test/report-only", false);
		HttpResponse<String> cleartext = send(http11(), http("/test/report-only"));
		assertThat(cleartext.statusCode()).isEqualTo(200);
		assertThat(cleartext.body()).isEqualTo("served");
		assertThat(cleartext.headers().map()).doesNotContainKeys("sunset", "deprecation", "upgrade");
		assertThat(refusals("tls-required", "annotation", "/test/report-only", false)).isEqualTo(before + 1);
		assertThat(refusals("tls-required", "annotation", "/test/report-only", true)).isZero();
		HttpResponse<String> report = send(http11(), demoUser(https("/actuator/upgraderequired")));
		JsonNode counted = null;
		for (JsonNode notEnforced : json.readTree(report.body()).get("notEnforced")) {
			if (notEnforced.get("pattern").asString().equals("/test/report-only")) {
				counted = notEnforced;
			}
		}
		assertThat(counted).isNotNull();
		assertThat(counted.get("reasons").get("tls-required").asLong()).isEqualTo((long) before + 1);
	}

	// The count of upgrade.required.refusals with the given tags, 0 before the first such refusal.
	private double refusals(String reason, String requirement, String uri) throws Exception {
		return refusals(reason, requirement, uri, null);
	}

	private double refusals(String reason, String requirement, String uri, Boolean enforced) throws Exception {
		HttpResponse<String> metric = send(http11(), demoUser(https("/actuator/metrics/upgrade.required.refusals"
				+ "?tag=reason:" + reason + "&tag=requirement:" + requirement + "&tag=uri:" + uri
				+ ((enforced != null) ? "&tag=enforced:" + enforced : ""))));
		if (metric.statusCode() == 404) {
			return 0;
		}
		assertThat(metric.statusCode()).isEqualTo(200);
		return json.readTree(metric.body()).get("measurements").get(0).get("value").asDouble();
	}

	static HttpRequest demoUser(HttpRequest request) {
		return HttpRequest.newBuilder(request, (name, value) -> true)
			.header("Authorization", "Basic ZGVtbzpkZW1v")
			.build();
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
				"Connection: Upgrade, close", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
				"Sec-WebSocket-Version: 8");
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
		int overTls = RawHttp.exchangeTls(this.httpsPort, "GET", target).status();
		int overCleartext = RawHttp.exchange(this.httpPort, "GET", target).status();
		// Jetty rejects empty segments itself (400), before any filter: such a spelling never reaches a rule.
		assertThat(overCleartext).as(target).isEqualTo((overTls == 400) ? 400 : 426);
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

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/2.0", "HTTP/2.1", "HTTP/3.0", "HTTP/9.9", "http/3.0", "HTTP/2", "HTTP/1.2" })
	void requestLineVersionNeverSatisfiesAnHttp2Requirement(String version) throws Exception {
		for (RawHttp.Response response : new RawHttp.Response[] {
				RawHttp.exchangeRequestLine(this.httpPort, false, "GET /api/stream " + version),
				RawHttp.exchangeRequestLine(this.httpsPort, true, "GET /api/stream " + version) }) {
			// Refused by the starter (426), or rejected by the server before any handler runs: 400, 505, or a
			// connection closed without an answer (0).
			assertThat(response.status()).as(version).isIn(0, 400, 426, 505);
			assertThat(response.body()).as(version).doesNotContain("\"endpoint\"");
		}
	}

	@Test
	void refusalComesBeforeSpringSecurityAsksForCredentials() throws Exception {
		for (String[] headers : new String[][] { {}, { "Authorization: Basic ZGVtbzpkZW1v" } }) {
			RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/api/account", headers);
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.header("WWW-Authenticate")).isNull();
			assertThat(response.header("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		}
		StrictResponse h2c = strictH2c("/api/account");
		assertThat(h2c.status()).isEqualTo(426);
		assertThat(h2c.headers()).doesNotContainKey("www-authenticate");
	}

	@Test
	void refusalOfAPostComesBeforeSpringSecuritysCsrfProtection() throws Exception {
		RawHttp.Response response = RawHttp.exchangeWithBody(this.httpPort, false, "POST", "/api/account", "x=1",
				"Content-Type: application/x-www-form-urlencoded");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("WWW-Authenticate")).isNull();
	}

	// A method the path does not map got Spring Security's CSRF 403 over cleartext (up to 0.2.0 snapshots).
	@ParameterizedTest
	@ValueSource(strings = { "PUT /api/secure", "PATCH /api/secure", "DELETE /api/secure", "PUT /api/account",
			"DELETE /api/account", "DELETE /api/modern", "PUT /admin/status" })
	void methodThePathDoesNotMapIsRefusedBeforeSpringSecurityOverCleartext(String request) throws Exception {
		String[] methodAndPath = request.split(" ");
		for (String[] headers : new String[][] { {}, { DEMO_CREDENTIALS } }) {
			RawHttp.Response response = RawHttp.exchangeWithBody(this.httpPort, false, methodAndPath[0],
					methodAndPath[1], "x=1", headers);
			assertThat(response.status()).as(request).isEqualTo(426);
			assertThat(response.header("Upgrade")).as(request)
				.isEqualTo(methodAndPath[1].equals("/api/modern") ? "TLS/1.3, HTTP/1.1" : "TLS/1.3, TLS/1.2, HTTP/1.1");
			assertThat(response.header("WWW-Authenticate")).as(request).isNull();
		}
		StrictResponse h2c = strict(reactor.netty.http.client.HttpClient.create().protocol(HttpProtocol.H2C),
				"http://localhost:" + this.httpPort + methodAndPath[1], methodAndPath[0]);
		assertThat(h2c.status()).as(request).isEqualTo(426);
	}

	@Test
	void methodThePathDoesNotMapIsStillNotAllowedWhereTheRequirementIsMet() throws Exception {
		assertThat(RawHttp.exchangeWithBody(this.httpsPort, true, "PUT", "/api/secure", "x=1",
				DEMO_CREDENTIALS, "X-CSRF-TOKEN: none").status()).isIn(403, 405);
		assertThat(RawHttp.exchangeWithBody(this.httpPort, false, "PUT", "/api/hello", "x=1").status())
			.isIn(403, 405);
	}

	@Test
	void springSecurityAuthenticatesRequestsThatMeetTheRequirement() throws Exception {
		HttpResponse<String> anonymous = send(http11(), https("/api/account"));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Basic"));
		HttpResponse<String> demo = send(http11(), HttpRequest.newBuilder(URI.create("https://localhost:"
				+ this.httpsPort + "/api/account")).header("Authorization", "Basic ZGVtbzpkZW1v").build());
		assertThat(demo.statusCode()).isEqualTo(200);
		assertThat(json.readTree(demo.body()).get("user").asString()).isEqualTo("demo");
	}

	@Test
	void clientSuppliedForwardingHeadersAreNotTrusted() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/api/secure", "X-Forwarded-Proto: https",
				"X-Forwarded-Port: 443", "Forwarded: proto=https", "X-Forwarded-Ssl: on");
		assertThat(response.status()).isEqualTo(426);
	}

	// Jetty took the scheme a client wrote in an absolute-form target for the connection's (up to 0.2.0).
	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1:{http}/api/secure", "HTTPS://127.0.0.1:{http}/api/secure",
			"hTTpS://localhost:{http}/api/secure", "https://127.0.0.1:{https}/api/secure",
			"https://127.0.0.1/api/secure", "https:/api/secure", "https:api/secure", "https://127.0.0.1:{http}/api/%73ecure",
			"https://127.0.0.1:{http}/api;x=1/secure", "https://127.0.0.1:{http}/api/./secure",
			"http://127.0.0.1:{http}/api/secure", "wss://127.0.0.1:{http}/api/secure",
			"https://127.0.0.1:{http}/api/modern", "https://127.0.0.1:{http}/api/account",
			"https://127.0.0.1:{http}/admin/status", "HTTPS://127.0.0.1:{http}/admin/status", "https:/admin/status",
			"https://127.0.0.1:{http}/%61dmin/status", "https://127.0.0.1:{http}/actuator/upgraderequired", "https://",
			"wss://", "https:///api/secure" })
	void absoluteFormTargetOverCleartextIsNeverServedWhateverItsScheme(String target) throws Exception {
		String request = target.replace("{http}", String.valueOf(this.httpPort))
			.replace("{https}", String.valueOf(this.httpsPort));
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", request, DEMO_CREDENTIALS);
		// Refused by the starter, or rejected by the server as a target it does not serve (Tomcat, Reactor Netty:
		// 400, or 404 for a target whose path Spring does not read as the endpoint's).
		assertThat(response.status()).as(request).isIn(400, 404, 426);
		assertThat(response.body()).as(request).doesNotContain("\"endpoint\"").doesNotContain("\"user\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api;x=%zz/secure", "/api/secure;%u0078=1", "/api/secure;x=%", "/admin;x=%zz/status",
			"/api/%zz/secure", "/api/secur%e", "/%zz", "/admin/%G1" })
	void targetThatCannotBeDecodedIsRefusedOverCleartextWithoutAServerError(String target) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", target, DEMO_CREDENTIALS);
		// The starter cannot judge what such a target is for (400), or the server rejects it first.
		assertThat(response.status()).as(target).isIn(400, 426);
		assertThat(response.body()).as(target).doesNotContain("\"endpoint\"").doesNotContain("\"user\"");
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void targetWithAnInvalidEscapeInAParameterIsABadRequestWithAProblemBody(boolean tls) throws Exception {
		RawHttp.Response response = RawHttp.exchangeRequestLine(tls ? this.httpsPort : this.httpPort, tls,
				"GET /api;x=%zz/secure HTTP/1.1");
		assertThat(response.status()).isEqualTo(400);
		if (server() == NettyWebServer.class) {
			// Reactor Netty rejects it itself, before any part of the application.
			assertThat(response.body()).isEmpty();
		}
		else {
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(400);
		}
	}

	// Jetty's TLS connector failed on these with a NullPointerException (500) before any application code; the
	// starter makes it 400, as Tomcat answers. Reactor Netty takes the path and serves it, over TLS.
	@ParameterizedTest
	@ValueSource(strings = { "wss://", "https://", "https:///api/secure", "http:///api/hello" })
	void absoluteFormTargetWithoutAHostGetsNoServerErrorOverTls(String target) throws Exception {
		for (String method : new String[] { "GET", "OPTIONS" }) {
			int status = RawHttp.exchangeTls(this.httpsPort, method, target).status();
			assertThat(status).as(method + " " + target).isBetween(200, 499);
			if (server() != NettyWebServer.class) {
				assertThat(status).as(method + " " + target).isEqualTo(400);
			}
		}
	}

	@Test
	void absoluteFormTargetOfAnOpenEndpointIsServedOverCleartext() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET",
				"http://127.0.0.1:" + this.httpPort + "/api/hello");
		assertThat(response.status()).isIn(200, 400);
		if (response.status() == 200) {
			assertThat(response.body()).contains("\"endpoint\":\"hello\"", "\"secure\":false");
		}
	}

	// Jetty took the :scheme of an h2c stream for the connection's (up to 0.2.0).
	@ParameterizedTest
	@ValueSource(strings = { "/api/secure", "/api/modern", "/api/account", "/admin/status",
			"/actuator/upgraderequired", "/api/%73ecure" })
	void h2cStreamThatClaimsHttpsIsNeverServed(String path) throws Exception {
		RawH2c.Response response = RawH2c.get(this.httpPort, "https", path, "authorization", "Basic ZGVtbzpkZW1v");
		// Refused by the starter, or the stream reset by the server (0).
		assertThat(response.status()).as(path).isIn(0, 400, 426);
		assertThat(response.body()).as(path).doesNotContain("\"endpoint\"").doesNotContain("\"user\"");
	}

	@Test
	void h2cStreamOfTheBareClientIsServedOnAnOpenEndpointAndRefusedOnAProtectedOne() throws Exception {
		RawH2c.Response open = RawH2c.get(this.httpPort, "http", "/api/hello");
		assertThat(open.status()).isEqualTo(200);
		assertThat(open.body()).contains("\"endpoint\":\"hello\"", "\"protocol\":\"HTTP/2.0\"", "\"secure\":false");
		RawH2c.Response secure = RawH2c.get(this.httpPort, "http", "/api/secure");
		assertThat(secure.status()).isEqualTo(426);
		assertThat(secure.headers()).doesNotContainKey("upgrade");
		assertThat(secure.body()).contains("\"upgrade\":[\"TLS/1.3\",\"TLS/1.2\",\"HTTP/1.1\"]");
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
	void endpointWithoutRequirementServesARequestOfferingAnUpgrade() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", "/api/hello", "Upgrade: TLS/1.2",
				"Connection: Upgrade, close");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"endpoint\":\"hello\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/xml", "application/json", "application/problem+json",
			"image/png;q=0.9", "*/*", "nonsense" })
	void refusalIsTheSameProblemWhateverAcceptSays(String accept) throws Exception {
		RawHttp.Response plain = RawHttp.exchange(this.httpPort, "GET", "/api/secure");
		RawHttp.Response negotiated = RawHttp.exchange(this.httpPort, "GET", "/api/secure", "Accept: " + accept);
		assertThat(negotiated.status()).isEqualTo(426);
		assertThat(negotiated.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(negotiated.header("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(negotiated.body()).isEqualTo(plain.body());
	}

	@Test
	void exceptionThrownByAControllerGetsTheFullResponseForTheRequestsHttpVersion() throws Exception {
		RawHttp.Response http11 = RawHttp.exchange(this.httpPort, "GET", "/test/thrown", "Accept: text/html");
		assertThat(http11.status()).isEqualTo(426);
		assertThat(http11.header("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(http11.header("Connection")).containsIgnoringCase("upgrade");
		assertThat(http11.header("Cache-Control")).isEqualTo("no-store");
		assertThat(http11.header("Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = json.readTree(http11.body());
		assertThat(problem.get("status").asInt()).isEqualTo(426);
		assertThat(problem.get("instance").asString()).isEqualTo("/test/thrown");
		StrictResponse h2c = strictH2c("/test/thrown");
		assertThat(h2c.status()).isEqualTo(426);
		assertThat(h2c.headers()).doesNotContainKeys("connection", "upgrade")
			.containsEntry("content-type", "application/problem+json");
		assertThat(json.readTree(h2c.body()).get("upgrade").valueStream().map(JsonNode::asString))
			.containsExactly("TLS/1.3", "TLS/1.2", "HTTP/1.1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/secure", "/admin/status", "/api/account" })
	void plainOptionsToAProtectedEndpointIsRefusedLikeItsOtherMethods(String path) throws Exception {
		RawHttp.Response refused = RawHttp.exchange(this.httpPort, "OPTIONS", path);
		assertThat(refused.status()).isEqualTo(426);
		assertThat(refused.header("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(refused.header("Allow")).isNull();
		assertThat(refused.header("WWW-Authenticate")).isNull();
		// With an Origin but no Access-Control-Request-Method it is no pre-flight either.
		assertThat(RawHttp.exchange(this.httpPort, "OPTIONS", path, "Origin: https://example.com").status())
			.isEqualTo(426);
		StrictResponse h2c = strict(reactor.netty.http.client.HttpClient.create().protocol(HttpProtocol.H2C),
				"http://localhost:" + this.httpPort + path, "OPTIONS");
		assertThat(h2c.status()).isEqualTo(426);
	}

	@Test
	void refusedRequestWithASmallBodyLeavesItsConnectionToTheNextPipelinedRequest() throws Exception {
		String responses = RawHttp.pipeline(this.httpPort, ("POST /api/account HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: text/plain\r\nContent-Length: 10\r\n\r\n0123456789"
				+ "GET /api/hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(statusLines(responses)).containsExactly("HTTP/1.1 426", "HTTP/1.1 200");
		assertThat(connectionOptions(responses)).containsExactly("upgrade");
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void refusedRequestWithABodyItWillNotReadSaysCloseAndIsTheLastOnItsConnection(boolean chunked) throws Exception {
		String body = "x".repeat(16 * 1024);
		String request = "POST /api/account HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
				+ (chunked ? "Transfer-Encoding: chunked\r\n\r\n" + ("4000\r\n" + body + "\r\n").repeat(4)
						+ "0\r\n\r\n" : "Content-Length: " + (4 * body.length()) + "\r\n\r\n" + body.repeat(4));
		// The server closes the connection after the 426 (pipeline() reads until then), so the next request is
		// never answered: the response said so.
		String next = "GET /api/hello HTTP/1.1\r\nHost: localhost\r\n\r\n";
		String responses = RawHttp.pipeline(this.httpPort, (request + next).getBytes(StandardCharsets.ISO_8859_1));
		assertThat(statusLines(responses)).containsExactly("HTTP/1.1 426");
		assertThat(connectionOptions(responses)).containsExactlyInAnyOrder("upgrade", "close");
	}

	private static List<String> statusLines(String responses) {
		return STATUS_LINE.matcher(responses).results().map(MatchResult::group).toList();
	}

	// The options of the first response's Connection header fields, lower case.
	private static List<String> connectionOptions(String responses) {
		String head = responses.substring(0, responses.indexOf("\r\n\r\n"));
		List<String> options = new ArrayList<>();
		for (String line : head.split("\r\n")) {
			if (line.regionMatches(true, 0, "Connection:", 0, 11)) {
				for (String option : line.substring(11).split(",")) {
					options.add(option.trim().toLowerCase(Locale.ROOT));
				}
			}
		}
		return options;
	}

	@Test
	void plainOptionsIsAnsweredWhereTheRequirementIsMet() throws Exception {
		RawHttp.Response overTls = RawHttp.exchangeTls(this.httpsPort, "OPTIONS", "/api/secure");
		assertThat(overTls.status()).isEqualTo(200);
		assertThat(overTls.header("Allow")).contains("GET");
		RawHttp.Response open = RawHttp.exchange(this.httpPort, "OPTIONS", "/api/hello");
		assertThat(open.status()).isEqualTo(200);
		assertThat(open.header("Allow")).contains("GET");
		// /api/stream needs HTTP/2 for every method: OPTIONS too, whatever the connection's security.
		assertThat(RawHttp.exchangeTls(this.httpsPort, "OPTIONS", "/api/stream").status()).isEqualTo(426);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/secure", "/admin/status" })
	void corsPreflightIsNotRefused(String path) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "OPTIONS", path, "Origin: https://example.com",
				"Access-Control-Request-Method: GET");
		// No CORS configuration: each stack answers in its own way, but never 426 and never with an error.
		assertThat(response.status()).isNotEqualTo(426).isLessThan(500);
		assertThat(response.header("Upgrade")).isNull();
	}

	@Test
	void everyEndpointIsServedOnTheProtocolItRequires() throws Exception {
		HttpClient h2 = client(HttpClient.Version.HTTP_2, "TLSv1.3");
		for (String endpoint : new String[] { "hello", "secure", "modern", "stream" }) {
			HttpResponse<String> response = send(h2, https("/api/" + endpoint));
			assertThat(response.statusCode()).as(endpoint).isEqualTo(200);
			JsonNode served = json.readTree(response.body());
			assertThat(served.get("endpoint").asString()).isEqualTo(endpoint);
			assertThat(served.get("protocol").asString()).isEqualTo("HTTP/2.0");
			assertThat(served.get("secure").asBoolean()).isTrue();
			assertThat(served.get("tls").asString()).isEqualTo("TLSv1.3");
		}
	}

	StrictResponse strictH2c(String path) {
		return strict(reactor.netty.http.client.HttpClient.create().protocol(HttpProtocol.H2C),
				"http://localhost:" + this.httpPort + path);
	}

	static StrictResponse strict(reactor.netty.http.client.HttpClient client, String uri) {
		return strict(client, uri, "GET");
	}

	static StrictResponse strict(reactor.netty.http.client.HttpClient client, String uri, String method) {
		return client.request(HttpMethod.valueOf(method))
			.uri(uri)
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new StrictResponse(response.status().code(), headers(response), text)))
			.block(Duration.ofSeconds(10));
	}

	private static Map<String, String> headers(HttpClientResponse response) {
		Map<String, String> headers = new HashMap<>();
		response.responseHeaders().forEach((entry) -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
		return headers;
	}

	HttpRequest http(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path)).build();
	}

	HttpRequest https(String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.httpsPort + path)).build();
	}

	static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static HttpClient http11() {
		return client(HttpClient.Version.HTTP_1_1, null);
	}

	static HttpClient client(HttpClient.Version version, String tlsProtocol) {
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
	 * What users write on both stacks: a requirement decided in the controller. And Spring Security's firewall
	 * relaxed, so that the spellings it rejects ({@code ;}, {@code //}, {@code /./}) reach the endpoints over TLS:
	 * the starter must refuse them over cleartext by itself, not thanks to the firewall.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class ContractEndpoints {

		@GetMapping("/test/thrown")
		String thrown() {
			throw new UpgradeRequiredException(Protocol.TLS);
		}

		@RequiresProtocol(value = Protocol.TLS, reportOnly = true)
		@GetMapping("/test/report-only")
		String reportOnly() {
			return "served";
		}

		@Bean
		ContractClock contractClock() {
			return new ContractClock();
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		HttpFirewall relaxedFirewall() {
			return new DefaultHttpFirewall();
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		ServerWebExchangeFirewall relaxedReactiveFirewall() {
			return ServerWebExchangeFirewall.INSECURE_NOOP;
		}

	}

	/**
	 * The clock the starter reads to tell whether a dated requirement is enforced: the system's, unless a test sets
	 * another instant.
	 */
	static final class ContractClock extends Clock {

		private volatile @Nullable Instant instant;

		void set(@Nullable Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			Instant instant = this.instant;
			return (instant != null) ? instant : Instant.now();
		}

	}

}
