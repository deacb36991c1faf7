package dev.upgraderequired.sample;

import dev.upgraderequired.TlsVersion;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.upgraderequired.test.UpgradeRequiredAssertions.assertThatRefusal;
import static dev.upgraderequired.test.UpgradeRequiredRequests.http2;
import static dev.upgraderequired.test.UpgradeRequiredRequests.tls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's controllers in a Spring MVC slice, with the sample's security, tested with upgrade-required's test
 * support: requests made TLS of a version or HTTP/2 as the starter reads them, and the 426 asserted.
 */
@WebMvcTest(controllers = { ApiController.class, AdminController.class, AccountController.class })
@Import(SecurityConfiguration.class)
class ApiMvcSliceTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void tlsEndpointRefusesCleartextAndServesTls() {
		// No server runs in a slice: the https port, and so the https URL, is unknown.
		assertThatRefusal(this.mvc.get().uri("/api/secure").exchange())
			.offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1")
			.hasDetailContaining("only served over TLS")
			.hasNoHttpsUrl();
		assertThat(this.mvc.get().uri("/api/secure").with(tls())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.tls")
			.isEqualTo("TLSv1.3");
	}

	@Test
	void minimumTlsVersionRefusesTls12AndServesTls13() {
		assertThatRefusal(this.mvc.get().uri("/api/modern").with(tls(TlsVersion.TLS_1_2)).exchange())
			.offersUpgradeTo("TLS/1.3", "HTTP/1.1")
			.hasDetailContaining("TLS 1.3 or later");
		assertThat(this.mvc.get().uri("/api/modern").with(tls(TlsVersion.TLS_1_3))).hasStatusOk();
	}

	@Test
	void http2EndpointRefusesHttp11AndServesHttp2() {
		assertThatRefusal(this.mvc.get().uri("/api/stream").exchange()).offersUpgradeTo("h2c");
		assertThat(this.mvc.get().uri("/api/stream").with(http2())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.protocol")
			.isEqualTo("HTTP/2.0");
	}

	@Test
	void refusalOverHttp2HasNoUpgradeHeader() {
		assertThatRefusal(this.mvc.get().uri("/api/secure").with(http2()).exchange()).offersUpgradeTo("TLS/1.3",
				"TLS/1.2", "HTTP/1.1");
	}

	@Test
	void ruleAndSecurityKeepTheirOrder() {
		assertThatRefusal(this.mvc.get().uri("/admin/status").exchange()).offersUpgradeTo("TLS/1.3", "TLS/1.2",
				"HTTP/1.1");
		// Refused before Spring Security asks for credentials; over TLS, Security asks.
		assertThat(this.mvc.get().uri("/api/account").exchange()).hasStatus(426)
			.doesNotContainHeader("WWW-Authenticate");
		assertThat(this.mvc.get().uri("/api/account").with(tls())).hasStatus(401).containsHeader("WWW-Authenticate");
	}

}
