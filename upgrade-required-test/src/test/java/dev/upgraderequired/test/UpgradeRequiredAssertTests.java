package dev.upgraderequired.test;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link UpgradeRequiredAssert}: it passes for the 426 the starter sends, over each HTTP version, and fails
 * for anything else, saying what differs.
 */
class UpgradeRequiredAssertTests {

	private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Upgrade Required\",\"status\":426,"
			+ "\"detail\":\"This resource is only served over TLS.\",\"instance\":\"/api/secure\","
			+ "\"upgrade\":[\"TLS/1.3\",\"HTTP/1.1\"],\"httpsUrl\":\"https://localhost/api/secure\"}";

	@Test
	void passesForTheStartersRefusalOverHttp11AndHttp2() {
		assertThatNoException().isThrownBy(() -> new UpgradeRequiredAssert(response(426, http1Headers(), false))
			.offersUpgradeTo("TLS/1.3", "HTTP/1.1")
			.hasDetailContaining("only served over TLS")
			.hasType("about:blank")
			.hasHttpsUrl("https://localhost/api/secure"));
		assertThatNoException().isThrownBy(() -> new UpgradeRequiredAssert(response(426, headers(), true))
			.offersUpgradeTo("TLS/1.3", "HTTP/1.1"));
	}

	@Test
	void failsForAnotherStatus() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new UpgradeRequiredAssert(response(200, http1Headers(), false)).isUpgradeRequired())
			.withMessageContaining("Expected status 426 Upgrade Required but was 200");
	}

	@Test
	void failsForOtherProtocolsOrAMissingHeaderOfItsHttpVersion() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new UpgradeRequiredAssert(response(426, http1Headers(), false)).offersUpgradeTo("h2c"))
			.withMessageContaining("Expected the problem's upgrade member [h2c]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new UpgradeRequiredAssert(response(426, headers(), false))
				.offersUpgradeTo("TLS/1.3", "HTTP/1.1"))
			.withMessageContaining("with Connection: Upgrade over HTTP/1.x");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new UpgradeRequiredAssert(response(426, http1Headers(), true))
				.offersUpgradeTo("TLS/1.3", "HTTP/1.1"))
			.withMessageContaining("Expected no Upgrade and no Connection header over HTTP/2");
	}

	@Test
	void failsForOtherProblemMembers() {
		UpgradeRequiredAssert refusal = new UpgradeRequiredAssert(response(426, http1Headers(), false));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> refusal.hasDetailContaining("HTTP/2"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(refusal::hasNoHttpsUrl);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> refusal.hasWebSocketVersion("13"));
		HttpHeaders cacheable = http1Headers();
		cacheable.remove(HttpHeaders.CACHE_CONTROL);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new UpgradeRequiredAssert(response(426, cacheable, false)).isUpgradeRequired())
			.withMessageContaining("Cache-Control no-store");
	}

	private static UpgradeRequiredAssert.Response response(int status, HttpHeaders headers, boolean http2) {
		return new UpgradeRequiredAssert.Response(status, headers, PROBLEM.getBytes(StandardCharsets.UTF_8), http2);
	}

	private static HttpHeaders http1Headers() {
		HttpHeaders headers = headers();
		headers.set(HttpHeaders.UPGRADE, "TLS/1.3, HTTP/1.1");
		headers.set(HttpHeaders.CONNECTION, "Upgrade");
		return headers;
	}

	private static HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		return headers;
	}

}
