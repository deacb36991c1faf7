package dev.upgraderequired.core;

import java.util.Map;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeRequiredException;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code Connection} header that {@link RequestDecider} chooses for a request whose body nobody
 * reads.
 */
class UnreadBodyTests {

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.httpsPort(() -> 8443)
		.browserRedirect(true)
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.build();

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			none              | none    | Upgrade
			Content-Length    | 0       | Upgrade
			Content-Length    | 10      | Upgrade
			Content-Length    | 8192    | Upgrade
			Content-Length    | 8193    | Upgrade, close
			Content-Length    | 10485760 | Upgrade, close
			Content-Length    | 99999999999999999999 | Upgrade, close
			Content-Length    | 1x      | Upgrade, close
			Content-Length    | -1      | Upgrade, close
			Transfer-Encoding | chunked | Upgrade, close
			Transfer-Encoding | gzip, chunked | Upgrade, close
			""")
	void connectionIsClosedAfterABodyItWillNotRead(String header, String value, String connection) {
		Offer request = new Offer(false, null, true, "POST", Map.of());
		if (header != null) {
			request = request.with(header, value);
		}
		ResponsePlan plan = plan(request);
		assertThat(plan.headers()).contains(new ResponsePlan.Header("Connection", connection));
		assertThat(plan.closesConnection()).isEqualTo(connection.endsWith("close"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "Content-Length, 10485760", "Transfer-Encoding, chunked" })
	void http2StreamsNeverCarryConnectionHeaders(String header, String value) {
		ResponsePlan plan = plan(new Offer(false, null, false, "POST", Map.of(header, value)));
		assertThat(plan.headers()).extracting(ResponsePlan.Header::name).doesNotContain("Connection", "Upgrade");
		assertThat(plan.closesConnection()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "Content-Length, 10485760", "Transfer-Encoding, chunked" })
	void redirectAndServerErrorSayCloseToo(String header, String value) {
		Offer navigation = new Offer(false, null, true, "GET", Map.of(header, value, "Sec-Fetch-Mode", "navigate"));
		ResponsePlan redirect = plan(navigation);
		assertThat(redirect.status()).isEqualTo(308);
		assertThat(redirect.headers()).contains(new ResponsePlan.Header("Connection", "close"));
		Offer tls = new Offer(true, "TLSv1.3", true, "POST", Map.of(header, value));
		ResponsePlan serverError = this.policy.decider()
			.decideFailure(tls, OfferView.of("/x"), new UpgradeRequiredException(ProtocolRequirement.tls()), null)
			.response();
		assertThat(serverError.status()).isEqualTo(500);
		assertThat(serverError.headers()).contains(new ResponsePlan.Header("Connection", "close"));
	}

	private ResponsePlan plan(Offer request) {
		return BrowserRedirectTests.respond(this.policy, OfferView.of("/admin/x").withHost("example.com", null),
				request);
	}

}
