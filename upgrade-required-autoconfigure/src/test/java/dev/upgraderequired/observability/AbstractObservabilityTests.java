package dev.upgraderequired.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of refusals, the same on every stack and server: the {@code upgrade.required.refusals}
 * counter in a {@code SimpleMeterRegistry}, the {@code upgraderequired} actuator endpoint, the DEBUG line of a
 * refusal, and the 426 in springdoc-openapi's document, over real HTTP.
 */
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "upgrade-required.rules[0].paths=/ruled/**", "upgrade-required.rules[0].protocol=tls",
				"management.endpoints.web.exposure.include=upgraderequired",
				"logging.level.dev.upgraderequired.core=debug" })
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractObservabilityTests {

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
	void refusalsAreCountedByReasonSourceAndPatternButAllowedRequestsAreNot() {
		Map<String, Double> before = counts();
		get("/observed/secure", 426);
		get("/observed/secure", 426);
		get("/observed/items/42", 426);
		get("/observed/items/43", 426);
		get("/ruled/thing", 426);
		get("/ruled/nothing-here", 426);
		get("/observed/thrown", 426);
		get("/observed/plain", 200);
		Map<String, Double> counted = new LinkedHashMap<>();
		counts().forEach((counter, count) -> {
			double added = count - before.getOrDefault(counter, 0.0);
			if (added != 0) {
				counted.put(counter, added);
			}
		});
		assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(
				"tls-required annotation /observed/secure", 2.0,
				"tls-required annotation /observed/items/{id}", 2.0,
				"tls-required rule /ruled/**", 2.0,
				"http2-required exception /observed/thrown", 1.0));
	}

	@Test
	void refusalIsLoggedAtDebugWithItsReasonPatternAndClientButNoHeader(CapturedOutput output) {
		this.client.get()
			.uri("/observed/secure")
			.header(HttpHeaders.AUTHORIZATION, "Basic c2VjcmV0LXBhc3N3b3Jk")
			.header("X-Secret", "do-not-log-me")
			.exchange()
			.expectStatus()
			.isEqualTo(426);
		assertThat(output).containsPattern("Refused with 426 \\(tls-required\\): annotation requirement TLS on "
				+ "/observed/secure, from (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)");
		assertThat(output).doesNotContain("c2VjcmV0LXBhc3N3b3Jk").doesNotContain("do-not-log-me");
	}

	@Test
	void actuatorEndpointListsEveryEndpointWithItsRequirementAndSource() {
		JsonNode report = json("/actuator/upgraderequired");
		JsonNode secure = endpoint(report, "/observed/secure");
		assertThat(secure.get("handler").asString()).endsWith("ObservedApplication$Endpoints#secure()");
		assertThat(secure.get("methods").get(0).asString()).isEqualTo("GET");
		assertThat(secure.get("requirement").asString()).isEqualTo("TLS");
		assertThat(secure.get("sources").get(0).get("source").asString()).isEqualTo("annotation");
		JsonNode ruled = endpoint(report, "/ruled/thing");
		assertThat(ruled.get("requirement").asString()).isEqualTo("TLS");
		assertThat(ruled.get("sources").get(0).get("source").asString()).isEqualTo("rule");
		assertThat(ruled.get("sources").get(0).get("pattern").asString()).isEqualTo("/ruled/**");
		JsonNode plain = endpoint(report, "/observed/plain");
		assertThat(plain.get("requirement").asString()).isEqualTo("none");
		assertThat(plain.get("sources").isEmpty()).isTrue();
		assertThat(report.get("rules").get(0).get("pattern").asString()).isEqualTo("/ruled/**");
		assertThat(report.get("rules").get(0).get("requirement").asString()).isEqualTo("TLS");
	}

	@Test
	void openApiDocumentShowsThe426OnProtectedOperationsOnly() {
		JsonNode document = json("/v3/api-docs");
		JsonNode paths = document.get("paths");
		for (String path : List.of("/observed/secure", "/observed/items/{id}", "/ruled/thing")) {
			JsonNode operation = paths.get(path).get("get");
			assertThat(operation.get("x-requires-protocol").asString()).as(path).isEqualTo("TLS");
			JsonNode response = operation.get("responses").get("426");
			assertThat(response.get("headers").get("Upgrade")).as(path).isNotNull();
			assertThat(response.get("content").get("application/problem+json").get("schema").get("$ref").asString())
				.isEqualTo("#/components/schemas/UpgradeRequiredProblem");
		}
		for (String path : List.of("/observed/plain", "/observed/thrown")) {
			JsonNode operation = paths.get(path).get("get");
			assertThat(operation.get("x-requires-protocol")).as(path).isNull();
			assertThat(operation.get("responses").get("426")).as(path).isNull();
		}
		List<String> members = new ArrayList<>();
		document.get("components").get("schemas").get("UpgradeRequiredProblem").get("properties").propertyNames()
			.forEach(members::add);
		assertThat(members).containsExactly("type", "title", "status", "detail", "instance", "upgrade", "httpsUrl");
	}

	private void get(String path, int status) {
		this.client.get().uri(path).exchange().expectStatus().isEqualTo(status);
	}

	private Map<String, Double> counts() {
		Map<String, Double> counts = new LinkedHashMap<>();
		for (Counter counter : this.registry.find("upgrade.required.refusals").counters()) {
			counts.put(counter.getId().getTag("reason") + " " + counter.getId().getTag("requirement") + " "
					+ counter.getId().getTag("uri"), counter.count());
		}
		return counts;
	}

	private JsonNode json(String path) {
		byte[] body = this.client.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody();
		return JsonMapper.builder().build().readTree(body);
	}

	private static JsonNode endpoint(JsonNode report, String pattern) {
		for (JsonNode endpoint : report.get("endpoints")) {
			for (JsonNode candidate : endpoint.get("patterns")) {
				if (candidate.asString().equals(pattern)) {
					return endpoint;
				}
			}
		}
		throw new AssertionError("No endpoint for " + pattern + " in " + report);
	}

}
