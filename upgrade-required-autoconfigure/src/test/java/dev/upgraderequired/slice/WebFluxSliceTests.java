package dev.upgraderequired.slice;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users' {@code @WebFluxTest} slices see their controllers' protocol requirements; their mock requests are taken
 * as HTTP/1.1.
 */
@WebFluxTest
class WebFluxSliceTests {

	@Autowired
	WebTestClient client;

	@Test
	void requirementsAreEnforcedInAWebFluxTestSlice() {
		this.client.get()
			.uri("/secure")
			.exchange()
			.expectStatus()
			.isEqualTo(426)
			.expectHeader()
			.valueEquals("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1");
		this.client.get().uri("https://localhost/secure").exchange().expectStatus().isOk();
	}

	@SpringBootConfiguration
	@Import(SecureController.class)
	static class SliceApplication {

	}

	@RestController
	static class SecureController {

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/secure")
		String secure() {
			return "secure";
		}

	}

}
