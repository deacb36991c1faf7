package dev.upgraderequired.servlet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC behaviour behind a TLS-terminating proxy the application opted into trusting with
 * {@code server.forward-headers-strategy=framework}.
 */
@SpringBootTest(classes = WebMvcTestApplication.class, properties = "server.forward-headers-strategy=framework")
@AutoConfigureMockMvc
class UpgradeRequiredWebMvcForwardedHeadersTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void proxyThatTerminatedTlsSatisfiesTlsRequirement() {
		assertThat(this.mvc.get().uri("/class/inherited").header("X-Forwarded-Proto", "https")).hasStatusOk();
		assertThat(this.mvc.get().uri("/class/inherited").header("Forwarded", "proto=https")).hasStatusOk();
	}

	@Test
	void proxyThatTerminatedTlsSatisfiesAMinimumVersionItCannotReport() {
		assertThat(this.mvc.get().uri("/modern").header("X-Forwarded-Proto", "https")).hasStatusOk();
	}

	@Test
	void cleartextThroughTheProxyIsStillRefused() {
		assertThat(this.mvc.get().uri("/class/inherited").header("X-Forwarded-Proto", "http")).hasStatus(426);
		assertThat(this.mvc.get().uri("/class/inherited")).hasStatus(426);
	}

}
