package dev.upgraderequired.test;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link UpgradeRequiredExchanges}; what the starter makes of its requests is tested in the sample's
 * WebFlux slice.
 */
class UpgradeRequiredExchangesTests {

	@Test
	void connectionOfARealServersRequestCannotBeSet() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:8080").build();
		assertThatIllegalStateException().isThrownBy(() -> client.mutateWith(UpgradeRequiredExchanges.tls()))
			.withMessageContaining("only be set for mock exchanges");
	}

}
