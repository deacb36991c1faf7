package dev.upgraderequired.core;

import java.nio.charset.StandardCharsets;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.UpgradeReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeResponder}.
 */
class UpgradeResponderTests {

	private final Refusal tlsRequired = Refusal.of(ProtocolRequirement.tls(), UpgradeReason.TLS_REQUIRED, false);

	@Test
	void bodyHasEveryProblemMemberInOrder() {
		String body = body(new UpgradeResponder(null, () -> 8443), "/api/secure", "https://localhost:8443/api/secure");
		assertThat(body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Upgrade Required\",\"status\":426,"
				+ "\"detail\":\"This resource is only served over TLS. Repeat the request with https.\","
				+ "\"instance\":\"/api/secure\",\"upgrade\":[\"TLS/1.3\",\"TLS/1.2\",\"HTTP/1.1\"],"
				+ "\"httpsUrl\":\"https://localhost:8443/api/secure\"}");
	}

	@Test
	void stringsFromTheRequestAreEscaped() {
		String body = body(new UpgradeResponder(null, () -> -1), "/a\"b\\c\u0001\n", null);
		assertThat(body).contains("\"instance\":\"/a\\\"b\\\\c\\u0001\\n\"").doesNotContain("httpsUrl");
	}

	@Test
	void bodyIsAsciiWhateverTheRequestPathHolds() {
		byte[] body = new UpgradeResponder(null, () -> -1).body(this.tlsRequired, "/caf\u00e9/\u2028/\ud83d\ude00",
				null);
		String text = new String(body, StandardCharsets.US_ASCII);
		assertThat(text.chars()).allMatch((c) -> c >= 0x20 && c <= 0x7e);
		assertThat(text).contains("\"instance\":\"/caf\\u00e9/\\u2028/\\ud83d\\ude00\"");
	}

	@Test
	void typeBaseGetsTheReasonAppended() {
		assertThat(body(new UpgradeResponder("https://example.com/problems", () -> -1), "/p", null))
			.startsWith("{\"type\":\"https://example.com/problems/tls-required\",");
		assertThat(body(new UpgradeResponder("https://example.com/problems/", () -> -1), "/p", null))
			.startsWith("{\"type\":\"https://example.com/problems/tls-required\",");
		assertThat(body(new UpgradeResponder(null, () -> -1), "/p", null)).startsWith("{\"type\":\"about:blank\",");
	}

	@Test
	void httpsUrlIsOnlyGivenWhenThePortIsKnownAndTlsIsMissing() {
		assertThat(new UpgradeResponder(null, () -> -1).httpsUrl(this.tlsRequired, "h", "/p", null)).isNull();
		UpgradeResponder responder = new UpgradeResponder(null, () -> 8443);
		assertThat(responder.httpsUrl(this.tlsRequired, "example.com", "/p%20q", "a=1"))
			.isEqualTo("https://example.com:8443/p%20q?a=1");
		assertThat(responder.httpsUrl(this.tlsRequired, "::1", "/p", null)).isEqualTo("https://[::1]:8443/p");
		assertThat(new UpgradeResponder(null, () -> 443).httpsUrl(this.tlsRequired, "example.com", "/p", null))
			.isEqualTo("https://example.com/p");
		Refusal http2 = Refusal.of(ProtocolRequirement.http2(), UpgradeReason.HTTP2_REQUIRED, false);
		assertThat(responder.httpsUrl(http2, "example.com", "/p", null)).isNull();
	}

	@Test
	void planCarriesTheHeadersOfTheHttpVersionAndNoBodyForHead() {
		UpgradeResponder responder = new UpgradeResponder(null, () -> 8443);
		String url = "https://localhost:8443/p";
		ResponsePlan http1 = responder.plan(this.tlsRequired, true, false, "/p", url, null, false);
		assertThat(http1.status()).isEqualTo(426);
		assertThat(http1.headers()).extracting(ResponsePlan.Header::name)
			.containsExactly("Upgrade", "Connection", "Cache-Control");
		assertThat(http1.contentType()).isEqualTo("application/problem+json");
		assertThat(http1.vary()).isNull();
		assertThat(new String(http1.body(), StandardCharsets.US_ASCII)).contains("\"httpsUrl\":\"" + url + "\"");
		ResponsePlan http2 = responder.plan(this.tlsRequired, false, false, "/p", url, "Sec-Fetch-Mode", false);
		assertThat(http2.headers()).extracting(ResponsePlan.Header::name).containsExactly("Cache-Control");
		assertThat(http2.vary()).isEqualTo("Sec-Fetch-Mode");
		ResponsePlan head = responder.plan(this.tlsRequired, true, true, "/p", url, null, false);
		assertThat(head.body()).isEmpty();
		assertThat(head.contentLength()).isEqualTo(http1.contentLength()).isPositive();
	}

	@Test
	void serverErrorOfAnExceptionTheRequestMeetsHasNoUpgradeMember() {
		String body = new String(new UpgradeResponder("https://example.com/problems", () -> 8443)
			.plan(Refusal.alreadyMet(ProtocolRequirement.tls()), true, false, "/p", null, null, false)
			.body(), StandardCharsets.US_ASCII);
		assertThat(body).startsWith("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,")
			.contains("\"instance\":\"/p\"")
			.doesNotContain("upgrade")
			.endsWith("}");
	}

	private String body(UpgradeResponder responder, String instance, String httpsUrl) {
		return new String(responder.body(this.tlsRequired, instance, httpsUrl), StandardCharsets.UTF_8);
	}

}
