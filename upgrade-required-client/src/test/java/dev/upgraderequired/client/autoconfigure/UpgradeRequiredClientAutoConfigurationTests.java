package dev.upgraderequired.client.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.upgraderequired.client.UpgradeAnnouncement;
import dev.upgraderequired.client.UpgradeAnnouncementListener;
import dev.upgraderequired.client.UpgradeAnnouncements;
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
		server.createContext("/staged", (exchange) -> {
			exchange.getResponseHeaders().add("Upgrade", "TLS/1.3, HTTP/1.1");
			exchange.getResponseHeaders().add("Sunset", "Thu, 01 Jan 2099 00:00:00 GMT");
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
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
	void bootsBuildersTellTheApplicationsListenerOfAnAnnouncement() {
		List<UpgradeAnnouncement> told = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean(UpgradeAnnouncementListener.class, () -> told::add).run((context) -> {
			String staged = url.replace("/secure", "/staged");
			context.getBean(RestClient.Builder.class).build().get().uri(staged).retrieve().toBodilessEntity();
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			webClient.get().uri(staged).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
			// Once per origin and protocols, whichever client noticed it.
			assertThat(told).containsExactly(new UpgradeAnnouncement(URI.create(staged),
					List.of("TLS/1.3", "HTTP/1.1"), Instant.parse("2099-01-01T00:00:00Z")));
		});
	}

	@Test
	void withoutAListenerAnnouncementsAreLogged() {
		this.contextRunner.run((context) -> assertThat(context.getBean(UpgradeAnnouncements.class))
			.isSameAs(UpgradeAnnouncements.LOGGING));
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
