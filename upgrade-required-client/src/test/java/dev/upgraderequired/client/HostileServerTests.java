package dev.upgraderequired.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The three clients against a real HTTP server (the JDK's) that answers 426 with hostile headers and bodies: each
 * gets its typed exception, with what could be read, and nothing else. The sample's own 426 responses, over HTTP/1.1
 * and h2c, are tested in the sample app.
 */
class HostileServerTests {

	private static HttpServer server;

	private static String base;

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// Just under the 8 KiB that Reactor Netty's client accepts of one header line before failing by itself.
		respond("/huge-header", String.join(", ", Collections.nCopies(800, "TLS/1.3")), problem());
		respond("/empty-header", "", problem());
		respond("/garbage-header", ",, ;;; , /x, a/b/c, \"q\", h2c ,", "not json at all");
		respond("/no-body", "websocket", null);
		respond("/huge-body", "TLS/1.3", "{\"title\":\"" + "x".repeat(5_000_000) + "\"}");
		server.start();
		base = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	private static String problem() {
		return "{\"title\":\"Upgrade Required\",\"status\":426,\"upgrade\":[\"TLS/1.3\",\"HTTP/1.1\"],"
				+ "\"httpsUrl\":\"https://127.0.0.1/secure\"}";
	}

	private static void respond(String path, String upgrade, String body) {
		server.createContext(path, (HttpExchange exchange) -> {
			exchange.getResponseHeaders().add("Upgrade", upgrade);
			exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
			byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.sendResponseHeaders(426, (bytes.length > 0) ? bytes.length : -1);
			if (bytes.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
			exchange.close();
		});
	}

	@Test
	void hugeUpgradeHeaderIsBounded() {
		forEveryClient("/huge-header", (upgradeRequired) -> {
			assertThat(upgradeRequired.protocols()).hasSize(UpgradeTokens.MAX_TOKENS).containsOnly("TLS/1.3");
			assertThat(upgradeRequired.httpsUrl()).isEqualTo(URI.create("https://127.0.0.1/secure"));
			return null;
		});
	}

	@Test
	void emptyUpgradeHeaderFallsBackToTheProblem() {
		forEveryClient("/empty-header", (upgradeRequired) -> {
			assertThat(upgradeRequired.upgradeHeader()).isEmpty();
			assertThat(upgradeRequired.protocols()).containsExactly("TLS/1.3", "HTTP/1.1");
			assertThat(upgradeRequired.offers("tls")).isTrue();
			assertThat(upgradeRequired.offers("h2c")).isFalse();
			return null;
		});
	}

	@Test
	void garbageKeepsOnlyWellFormedProtocols() {
		forEveryClient("/garbage-header", (upgradeRequired) -> {
			assertThat(upgradeRequired.protocols()).containsExactly("h2c");
			assertThat(upgradeRequired.title()).isNull();
			assertThat(upgradeRequired.httpsUrl()).isNull();
			return null;
		});
	}

	@Test
	void responseWithoutABodyHasTheHeaderOnly() {
		forEveryClient("/no-body", (upgradeRequired) -> {
			assertThat(upgradeRequired.protocols()).containsExactly("websocket");
			assertThat(upgradeRequired.detail()).isNull();
			return null;
		});
	}

	@Test
	void hugeBodyIsNotRead() {
		forEveryClient("/huge-body", (upgradeRequired) -> {
			assertThat(upgradeRequired.protocols()).containsExactly("TLS/1.3");
			assertThat(upgradeRequired.title()).isNull();
			return null;
		});
	}

	private static void forEveryClient(String path, Function<UpgradeRequired, Void> check) {
		RestClient restClient = UpgradeRequiredErrorHandler
			.register(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()))
			.build();
		UpgradeRequiredResponseException fromRestClient = catchThrowableOfType(UpgradeRequiredResponseException.class,
				() -> restClient.get().uri(base + path).retrieve().toBodilessEntity());
		// The response is kept as received, its body only as far as it is read: never whole when it is huge.
		assertThat(fromRestClient.getResponseHeaders().containsHeader("Upgrade")).isTrue();
		assertThat(fromRestClient.getResponseBodyAsByteArray()).hasSizeLessThanOrEqualTo(ProblemBody.MAX_BODY + 1);
		check.apply(fromRestClient.getUpgradeRequired());

		WebClient webClient = UpgradeRequiredExchangeFilter.register(WebClient.builder()).build();
		UpgradeRequiredWebClientResponseException fromWebClient = catchThrowableOfType(
				UpgradeRequiredWebClientResponseException.class,
				() -> webClient.get().uri(base + path).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)));
		assertThat(fromWebClient.getHeaders().containsHeader("Upgrade")).isTrue();
		assertThat(fromWebClient.getResponseBodyAsByteArray()).hasSizeLessThanOrEqualTo(ProblemBody.MAX_BODY + 1);
		check.apply(fromWebClient.getUpgradeRequired());

		HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		UpgradeRequiredResponseException fromJdk = catchThrowableOfType(UpgradeRequiredResponseException.class,
				() -> UpgradeRequiredHttpResponses.check(send(jdk, path)));
		assertThat(fromJdk.getResponseBodyAsByteArray()).hasSizeLessThanOrEqualTo(ProblemBody.MAX_BODY + 1);
		check.apply(fromJdk.getUpgradeRequired());
		HttpResponse<String> notFound = send(jdk, "/missing");
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(UpgradeRequiredHttpResponses.of(notFound)).isEmpty();
		assertThat(UpgradeRequiredHttpResponses.check(notFound)).isSameAs(notFound);
	}

	private static HttpResponse<String> send(HttpClient jdk, String path) {
		try {
			return jdk.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
