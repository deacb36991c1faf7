package dev.upgraderequired.client.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import dev.upgraderequired.client.UpgradeRequiredResponseException;
import dev.upgraderequired.client.UpgradeRequiredWebClientResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UpgradeRequiredClientAutoConfiguration}: the builders Spring Boot provides get the client support,
 * against a real server that answers 426, unless it is turned off.
 */
class UpgradeRequiredClientAutoConfigurationTests {

	private static HttpServer server;

	private static String url;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UpgradeRequiredClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, WebClientAutoConfiguration.class));

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			byte[] body = "{\"upgrade\":[\"TLS/1.3\"]}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Upgrade", "TLS/1.3, HTTP/1.1");
			exchange.sendResponseHeaders(426, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secure";
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void bootsBuildersTurnA426IntoTheTypedExceptions() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			assertThatExceptionOfType(UpgradeRequiredResponseException.class)
				.isThrownBy(() -> restClient.get().uri(url).retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getUpgradeRequired().upgradeHeader())
					.containsExactly("TLS/1.3", "HTTP/1.1"));
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			assertThatExceptionOfType(UpgradeRequiredWebClientResponseException.class).isThrownBy(
					() -> webClient.get().uri(url).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)));
		});
	}

	@Test
	void turnedOffTheBuildersGiveTheClientsOwnExceptions() {
		this.contextRunner.withPropertyValues("upgrade-required.client.enabled=false").run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			assertThatExceptionOfType(HttpClientErrorException.class)
				.isThrownBy(() -> restClient.get().uri(url).retrieve().toBodilessEntity())
				.isNotInstanceOf(UpgradeRequiredResponseException.class);
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			assertThatExceptionOfType(WebClientResponseException.class)
				.isThrownBy(() -> webClient.get().uri(url).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
				.isNotInstanceOf(UpgradeRequiredWebClientResponseException.class);
		});
	}

}
