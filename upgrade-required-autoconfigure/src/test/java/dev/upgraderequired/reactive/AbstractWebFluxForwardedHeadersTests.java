package dev.upgraderequired.reactive;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * WebFlux behaviour on Reactor Netty behind a TLS-terminating proxy the application opted into trusting with
 * {@code server.forward-headers-strategy}: the scheme Spring computed decides, not the headers themselves.
 */
abstract class AbstractWebFluxForwardedHeadersTests {

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void proxyThatTerminatedTlsSatisfiesTlsRequirement() {
		this.client.get().uri("/secure").header("X-Forwarded-Proto", "https").exchange().expectStatus().isOk();
		this.client.get().uri("/secure").header("Forwarded", "proto=https").exchange().expectStatus().isOk();
	}

	@Test
	void cleartextThroughTheProxyIsStillRefused() {
		this.client.get().uri("/secure").header("X-Forwarded-Proto", "http").exchange().expectStatus().isEqualTo(426);
		this.client.get().uri("/secure").exchange().expectStatus().isEqualTo(426);
	}

}
