package dev.upgraderequired.sample;

import dev.upgraderequired.TlsVersion;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.upgraderequired.test.UpgradeRequiredAssertions.assertThatRefusal;
import static dev.upgraderequired.test.UpgradeRequiredExchanges.http2;
import static dev.upgraderequired.test.UpgradeRequiredExchanges.tls;

/**
 * The sample's controllers in a WebFlux slice, with the sample's security, tested with upgrade-required's test
 * support: mock exchanges made TLS of a version or HTTP/2 as the starter reads them, and the 426 asserted.
 */
@WebFluxTest(controllers = { ApiController.class, AdminController.class, AccountController.class })
@Import(SecurityConfiguration.class)
class ApiWebFluxSliceTests {

	@Autowired
	WebTestClient client;

	@Test
	void tlsEndpointRefusesCleartextAndServesTls() {
		assertThatRefusal(this.client.get().uri("/api/secure").exchange().expectBody().returnResult())
			.offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1")
			.hasDetailContaining("only served over TLS")
			.hasNoHttpsUrl();
		served(this.client.mutateWith(tls()), "/api/secure").jsonPath("$.tls").isEqualTo("TLSv1.3");
	}

	@Test
	void minimumTlsVersionRefusesTls12AndServesTls13() {
		assertThatRefusal(this.client.mutateWith(tls(TlsVersion.TLS_1_2))
			.get()
			.uri("/api/modern")
			.exchange()
			.expectBody()
			.returnResult()).offersUpgradeTo("TLS/1.3", "HTTP/1.1").hasDetailContaining("TLS 1.3 or later");
		served(this.client.mutateWith(tls(TlsVersion.TLS_1_3)), "/api/modern");
	}

	@Test
	void http2EndpointRefusesHttp11AndServesHttp2() {
		assertThatRefusal(this.client.get().uri("/api/stream").exchange().expectBody().returnResult())
			.offersUpgradeTo("h2c");
		served(this.client.mutateWith(http2()), "/api/stream").jsonPath("$.protocol").isEqualTo("HTTP/2.0");
	}

	@Test
	void tlsAndHttp2Combine() {
		served(this.client.mutateWith(tls()).mutateWith(http2()), "/api/stream").jsonPath("$.tls")
			.isEqualTo("TLSv1.3")
			.jsonPath("$.protocol")
			.isEqualTo("HTTP/2.0")
			.jsonPath("$.secure")
			.isEqualTo(true);
	}

	@Test
	void refusalOverHttp2HasNoUpgradeHeader() {
		assertThatRefusal(this.client.mutateWith(http2()).get().uri("/api/secure").exchange().expectBody()
			.returnResult(), true).offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1");
	}

	@Test
	void ruleAndSecurityKeepTheirOrder() {
		assertThatRefusal(this.client.get().uri("/admin/status").exchange().expectBody().returnResult())
			.offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1");
		this.client.get().uri("/api/account").exchange().expectStatus().isEqualTo(426).expectHeader()
			.doesNotExist("WWW-Authenticate");
		this.client.mutateWith(tls()).get().uri("/api/account").exchange().expectStatus().isUnauthorized();
	}

	private static WebTestClient.BodyContentSpec served(WebTestClient client, String path) {
		return client.get().uri(path).exchange().expectStatus().isOk().expectBody();
	}

}
