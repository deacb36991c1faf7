package dev.upgraderequired.reactive;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the WebFlux adapter has to get right, on a real Reactor Netty server over cleartext HTTP/1.1: the
 * filter's lookup, requests replaced by a later filter, exceptions, 406 and 415, pre-flight requests. The
 * behaviour shared with Spring MVC is the contract run against the sample application on both stacks.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.webflux.problemdetails.enabled=true",
				"upgrade-required.rules[0].paths=/rule/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredWebFluxIntegrationTests {

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void endpointWithoutRequirementIsServed() {
		this.client.get().uri("/plain").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("plain");
	}

	@Test
	void annotatedEndpointRefusesCleartext() {
		assertTlsRequired(this.client.get().uri("/secure").exchange(), "/secure");
	}

	@Test
	void pathRuleRefusesCleartext() {
		assertTlsRequired(this.client.get().uri("/rule/thing").exchange(), "/rule/thing");
	}

	@Test
	void requestRewrittenByAFilterBeforeTheStartersIsCheckedAgainstItsNewHandler() {
		assertTlsRequired(this.client.get().uri("/alias/secure").exchange(), "/secure");
		this.client.get().uri("/alias/plain").exchange().expectStatus().isOk();
	}

	@Test
	void routerFunctionSeesTheExchangeOfTheFiltersAfterTheStartersOne() {
		this.client.get().uri("/routed/whoami").exchange().expectBody(String.class).isEqualTo("alice");
	}

	@Test
	void requestRefusedByCorsKeepsItsForbiddenStatus() {
		this.client.get()
			.uri("/rule/thing")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void refusalOfACrossOriginRequestCarriesItsCorsHeaders() {
		assertTlsRequired(this.client.get().uri("/rule/thing").header(HttpHeaders.ORIGIN, "https://good.example")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://good.example"), "/rule/thing");
	}

	@Test
	void notAcceptableStaysNotAcceptableWhenTheProtectedSiblingDoesNotMatchTheParameters() {
		this.client.get().uri("/sibling").accept(MediaType.TEXT_HTML).exchange().expectStatus().isEqualTo(406);
		assertTlsRequired(this.client.get().uri("/sibling?admin").accept(MediaType.TEXT_HTML).exchange(),
				"/sibling");
	}

	@Test
	void unknownPathIsStillNotFound() {
		this.client.get().uri("/nowhere").exchange().expectStatus().isNotFound();
	}

	@Test
	void wrongMethodIsStillMethodNotAllowed() {
		this.client.delete().uri("/plain").exchange().expectStatus().isEqualTo(405);
	}

	@Test
	void protectedEndpointAnswers426RatherThan406WhateverAcceptSays() {
		assertTlsRequired(this.client.get().uri("/secure-json").accept(MediaType.TEXT_HTML).exchange(),
				"/secure-json");
	}

	@Test
	void protectedEndpointAnswers426RatherThan415() {
		assertTlsRequired(this.client.post()
			.uri("/secure-upload")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("x")
			.exchange(), "/secure-upload");
	}

	@Test
	void exceptionFromAControllerBeatsUserAdviceAndProblemDetailsHandler() {
		this.client.get()
			.uri("/thrown")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isEqualTo(426)
			.expectHeader()
			.valueEquals(HttpHeaders.UPGRADE, "h2c")
			.expectHeader()
			.valueEquals(HttpHeaders.CONNECTION, "Upgrade")
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.upgrade")
			.isEqualTo(List.of("h2c"))
			.jsonPath("$.instance")
			.isEqualTo("/thrown");
	}

	@Test
	void exceptionFromAHandlerFunctionIsRenderedWithItsHeaders() {
		assertTlsRequired(this.client.get().uri("/routed/thrown").exchange(), "/routed/thrown");
	}

	@Test
	void corsPreflightIsNotRefused() {
		this.client.options()
			.uri("/rule/thing")
			.header(HttpHeaders.ORIGIN, "https://good.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://good.example")
			.expectHeader()
			.doesNotExist(HttpHeaders.UPGRADE);
	}

	@Test
	void webSocketEndpointRefusesPlainRequest() {
		this.client.get()
			.uri("/ws")
			.exchange()
			.expectStatus()
			.isEqualTo(426)
			.expectHeader()
			.valueEquals(HttpHeaders.UPGRADE, "websocket")
			.expectHeader()
			.doesNotExist("Sec-WebSocket-Version");
	}

	@Test
	void webSocketEndpointRefusesUnsupportedVersion() {
		this.client.get()
			.uri("/ws")
			.header(HttpHeaders.UPGRADE, "websocket")
			.header(HttpHeaders.CONNECTION, "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "8")
			.exchange()
			.expectStatus()
			.isEqualTo(426)
			.expectHeader()
			.valueEquals(HttpHeaders.UPGRADE, "websocket")
			.expectHeader()
			.valueEquals("Sec-WebSocket-Version", "13");
	}

	@Test
	void webSocketHandshakeIsUntouched() {
		AtomicReference<String> echoed = new AtomicReference<>();
		new ReactorNettyWebSocketClient(HttpClient.create())
			.execute(URI.create("ws://localhost:" + this.port + "/ws"),
					(session) -> session.send(Mono.just(session.textMessage("hello")))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1))
						.doOnNext(echoed::set)
						.then())
			.block(java.time.Duration.ofSeconds(10));
		assertThat(echoed).hasValue("hello");
	}

	private static void assertTlsRequired(ResponseSpec response, String instance) {
		response.expectStatus()
			.isEqualTo(426)
			.expectHeader()
			.valueEquals(HttpHeaders.UPGRADE, "TLS/1.3, TLS/1.2, HTTP/1.1")
			.expectHeader()
			.valueEquals(HttpHeaders.CONNECTION, "Upgrade")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(426)
			.jsonPath("$.instance")
			.isEqualTo(instance)
			.jsonPath("$.upgrade")
			.isEqualTo(List.of("TLS/1.3", "TLS/1.2", "HTTP/1.1"));
	}

}
