package dev.upgraderequired.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requirements rolled out per endpoint, the same on every stack, over real HTTP/1.1: a staged handler never lets a
 * request through to an enforced handler of the same path, a method the path does not map follows the default
 * rollout, a served request is counted once, and the announcement links its page once (a handler's own
 * {@code Link} wins) and names the upgrade the dated requirement asks for.
 */
@SpringBootTest(classes = RolloutApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "upgrade-required.rules[0].paths=/mixed", "upgrade-required.rules[0].protocol=tls",
				"upgrade-required.rules[0].enforce-from=" + RolloutApplication.STAGED,
				"upgrade-required.deprecation-link=https://example.com/tls",
				"logging.level.dev.upgraderequired.core=debug" })
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractRolloutTests {

	private static final String SUNSET = "Thu, 01 Jan 2099 00:00:00 GMT";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void stagedHandlerNeverLetsARequestThroughToAnEnforcedHandlerOfTheSamePath() {
		this.client.get().uri("/report").header("Accept", "application/json").exchange().expectStatus()
			.isEqualTo(426);
		this.client.get().uri("/report").header("Accept", "text/csv").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("Sunset", SUNSET)
			.expectBody(String.class).isEqualTo("csv");
	}

	@Test
	void methodThePathDoesNotMapFollowsTheDefaultRolloutNotTheAnnotations() {
		// Enforced by default here: a 426, as for any protected path, whatever the handler's own reportOnly.
		this.client.delete().uri("/quiet").exchange().expectStatus().isEqualTo(426);
	}

	@Test
	void reportOnlyRequestIsServedAndCountedOnce() {
		double before = count("/quiet", false);
		this.client.get().uri("/quiet").exchange().expectStatus().isOk()
			.expectHeader().doesNotExist("Sunset")
			.expectBody(String.class).isEqualTo("quiet");
		assertThat(count("/quiet", false)).isEqualTo(before + 1);
	}

	@Test
	void announcementLinksItsPageOnce() {
		this.client.get().uri("/linked").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("Sunset", SUNSET)
			.expectHeader().valueEquals("Link", "<https://example.com/tls>; rel=\"deprecation\"; type=\"text/html\"");
	}

	@Test
	void handlersOwnLinkHeaderIsTheOneTheResponseHas() {
		this.client.get().uri("/own-link").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("Sunset", SUNSET)
			.expectHeader().valueEquals("Link", "</style.css>; rel=preload");
	}

	@Test
	void announcementNamesTheUpgradeTheDatedRequirementAsksFor() {
		this.client.get().uri("/mixed").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1")
			.expectHeader().valueEquals("Sunset", SUNSET);
	}

	@Test
	void servedRequestIsLoggedWithItsClientAndUserAgentButNoCredential(CapturedOutput output) {
		for (int i = 0; i < 2; i++) {
			this.client.get().uri("/quiet").header("User-Agent", "rollout-test/1.0")
				.header("Authorization", "Basic c2VjcmV0").exchange().expectStatus().isOk();
		}
		assertThat(output).containsPattern("Served a request that the annotation requirement on /quiet \\(tls-required, "
				+ "report-only\\) would refuse: GET from [0-9a-f.:]+, User-Agent \"rollout-test/1.0\"")
			.doesNotContain("c2VjcmV0");
		// At INFO, at most one line a minute.
		assertThat(output.toString().split("requirement not enforced yet would refuse, the last by", -1).length - 1)
			.isLessThanOrEqualTo(1);
	}

	@Test
	void openApiOperationsCarryTheRolloutOfTheirRequirement() {
		JsonNode paths = this.client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("paths");
		assertThat(paths.get("/quiet").get("get").get("x-requires-protocol-rollout").asString())
			.isEqualTo("report-only");
		assertThat(paths.get("/linked").get("get").get("x-requires-protocol-rollout").asString())
			.isEqualTo("enforced from 2099-01-01T00:00:00Z");
		assertThat(paths.get("/mixed").get("get").get("x-requires-protocol-rollout").asString())
			.isEqualTo("report-only, enforced from 2099-01-01T00:00:00Z");
		assertThat(paths.get("/mixed").get("get").get("x-requires-protocol").asString()).isEqualTo("TLS 1.3 or later");
	}

	private double count(String uri, boolean enforced) {
		Counter counter = this.registry.find("upgrade.required.refusals")
			.tag("uri", uri)
			.tag("enforced", String.valueOf(enforced))
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
