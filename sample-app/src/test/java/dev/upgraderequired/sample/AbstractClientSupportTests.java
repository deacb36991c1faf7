package dev.upgraderequired.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.client.UpgradeAnnouncement;
import dev.upgraderequired.client.UpgradeAnnouncements;
import dev.upgraderequired.client.UpgradeRequired;
import dev.upgraderequired.client.UpgradeRequiredErrorHandler;
import dev.upgraderequired.client.UpgradeRequiredExchangeFilter;
import dev.upgraderequired.client.UpgradeRequiredHttpResponses;
import dev.upgraderequired.client.UpgradeRequiredResponseException;
import dev.upgraderequired.client.UpgradeRequiredWebClientResponseException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client support against the sample's real 426 responses: a {@code RestClient}, a {@code WebClient} and the JDK
 * {@code HttpClient} each get the typed exception over HTTP/1.1, with the {@code Upgrade} header, and over h2c, where
 * HTTP/2 allows no {@code Upgrade} header and the protocols come from the problem; and a caller that switches to the
 * {@code httpsUrl} is served. Run by a subclass per stack.
 */
abstract class AbstractClientSupportTests {

	private static final List<String> TLS_TOKENS = List.of("TLS/1.3", "TLS/1.2", "HTTP/1.1");

	@LocalServerPort
	int httpsPort;

	@Value("${local.upgrade-required.cleartext.port}")
	int httpPort;

	@Test
	void restClientGetsTheTypedExceptionOverHttp11AndH2c() {
		for (HttpClient.Version version : HttpClient.Version.values()) {
			RestClient client = UpgradeRequiredErrorHandler
				.register(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(jdk(version))))
				.build();
			UpgradeRequiredResponseException refused = catchThrowableOfType(UpgradeRequiredResponseException.class,
					() -> client.get().uri(http("/api/secure")).retrieve().body(String.class));
			assertTlsRequired(refused.getUpgradeRequired(), version);
		}
	}

	@Test
	void webClientGetsTheTypedExceptionOverHttp11AndH2c() {
		for (HttpProtocol protocol : new HttpProtocol[] { HttpProtocol.HTTP11, HttpProtocol.H2C }) {
			WebClient client = UpgradeRequiredExchangeFilter.register(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create()
					.protocol(protocol)))).build();
			UpgradeRequiredWebClientResponseException refused = catchThrowableOfType(
					UpgradeRequiredWebClientResponseException.class,
					() -> client.get().uri(http("/api/secure")).retrieve().bodyToMono(String.class)
						.block(Duration.ofSeconds(10)));
			assertTlsRequired(refused.getUpgradeRequired(),
					(protocol == HttpProtocol.H2C) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
		}
	}

	@Test
	void jdkClientGetsTheTypedExceptionOverHttp11AndH2c() throws Exception {
		for (HttpClient.Version version : HttpClient.Version.values()) {
			HttpResponse<String> response = jdk(version).send(HttpRequest.newBuilder(http("/api/secure")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.version()).isEqualTo(version);
			UpgradeRequiredResponseException refused = catchThrowableOfType(UpgradeRequiredResponseException.class,
					() -> UpgradeRequiredHttpResponses.check(response));
			assertTlsRequired(refused.getUpgradeRequired(), version);
		}
	}

	@Test
	void webSocketEndpointNamesTheWebSocketProtocol() {
		RestClient client = UpgradeRequiredErrorHandler.register(RestClient.builder()).build();
		UpgradeRequiredResponseException refused = catchThrowableOfType(UpgradeRequiredResponseException.class,
				() -> client.get().uri(http("/ws/echo")).retrieve().body(String.class));
		assertThat(refused.getUpgradeRequired().protocols()).containsExactly("websocket");
		assertThat(refused.getUpgradeRequired().offers("WebSocket")).isTrue();
		assertThat(refused.getUpgradeRequired().httpsUrl()).isNull();
	}

	@Test
	void callerThatSwitchesToTheHttpsUrlIsServed() {
		RestClient cleartext = UpgradeRequiredErrorHandler.register(RestClient.builder()).build();
		RestClient tls = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(jdk(HttpClient.Version.HTTP_2)))
			.build();
		String body;
		try {
			body = cleartext.get().uri(http("/api/secure?x=1")).retrieve().body(String.class);
		}
		catch (UpgradeRequiredResponseException ex) {
			URI https = ex.getUpgradeRequired().httpsUrl();
			assertThat(https).isEqualTo(URI.create("https://localhost:" + this.httpsPort + "/api/secure?x=1"));
			body = tls.get().uri(https).retrieve().body(String.class);
		}
		assertThat(body).contains("\"secure\":true");
	}

	@Test
	void restClientTellsTheStagedRulesAnnouncementOncePerOriginOverHttp11AndH2c() {
		for (HttpClient.Version version : HttpClient.Version.values()) {
			List<UpgradeAnnouncement> told = new ArrayList<>();
			RestClient client = UpgradeRequiredErrorHandler
				.register(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(jdk(version))),
						UpgradeAnnouncements.to(told::add))
				.build();
			assertThat(client.get().uri(http("/api/staged")).retrieve().body(String.class)).contains("staged");
			assertThat(client.get().uri(http("/api/staged")).retrieve().body(String.class)).contains("staged");
			assertThat(told).as(version.toString()).containsExactly(staged(version));
		}
	}

	@Test
	void webClientTellsTheStagedRulesAnnouncementOncePerOriginOverHttp11AndH2c() {
		for (HttpProtocol protocol : new HttpProtocol[] { HttpProtocol.HTTP11, HttpProtocol.H2C }) {
			List<UpgradeAnnouncement> told = new ArrayList<>();
			WebClient client = UpgradeRequiredExchangeFilter.register(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create()
					.protocol(protocol))), UpgradeAnnouncements.to(told::add)).build();
			for (int i = 0; i < 2; i++) {
				assertThat(client.get().uri(http("/api/staged")).retrieve().bodyToMono(String.class)
					.block(Duration.ofSeconds(10))).contains("staged");
			}
			assertThat(told).as(protocol.toString()).containsExactly(staged(
					(protocol == HttpProtocol.H2C) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1));
		}
	}

	@Test
	void jdkClientTellsTheStagedRulesAnnouncementOncePerOriginOverHttp11AndH2c() throws Exception {
		for (HttpClient.Version version : HttpClient.Version.values()) {
			List<UpgradeAnnouncement> told = new ArrayList<>();
			UpgradeAnnouncements announcements = UpgradeAnnouncements.to(told::add);
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> response = jdk(version).send(
						HttpRequest.newBuilder(http("/api/staged")).build(), HttpResponse.BodyHandlers.ofString());
				assertThat(UpgradeRequiredHttpResponses.check(response, announcements).body()).contains("staged");
			}
			assertThat(told).as(version.toString()).containsExactly(staged(version));
		}
	}

	// Over HTTP/2, which allows no Upgrade header, the announcement names no protocol.
	private UpgradeAnnouncement staged(HttpClient.Version version) {
		return new UpgradeAnnouncement(http("/api/staged"),
				(version == HttpClient.Version.HTTP_2) ? List.of() : TLS_TOKENS,
				Instant.parse("2099-01-01T00:00:00Z"));
	}

	private static void assertTlsRequired(UpgradeRequired refused, HttpClient.Version version) {
		assertThat(refused.protocols()).as(version.name()).containsExactlyElementsOf(TLS_TOKENS);
		assertThat(refused.upgrade()).containsExactlyElementsOf(TLS_TOKENS);
		// HTTP/2 responses cannot carry Upgrade: the protocols come from the problem there.
		assertThat(refused.upgradeHeader()).as(version.name())
			.isEqualTo((version == HttpClient.Version.HTTP_2) ? List.of() : TLS_TOKENS);
		assertThat(refused.title()).isEqualTo("Upgrade Required");
		assertThat(refused.detail()).contains("only served over TLS");
		assertThat(refused.instance()).isEqualTo("/api/secure");
		assertThat(refused.offers("TLS")).isTrue();
	}

	private URI http(String path) {
		return URI.create("http://localhost:" + this.httpPort + path);
	}

	private static HttpClient jdk(HttpClient.Version version) {
		return HttpClient.newBuilder()
			.version(version)
			.sslContext(DemoTls.CONTEXT)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

}
