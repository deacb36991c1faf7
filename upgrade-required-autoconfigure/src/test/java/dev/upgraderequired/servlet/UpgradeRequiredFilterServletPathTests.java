package dev.upgraderequired.servlet;

import java.net.http.HttpResponse;

import dev.upgraderequired.core.RequirementReport;
import dev.upgraderequired.core.UpgradePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.request;
import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter under a context path and a servlet path: handler patterns are matched after both, rules after the
 * context path only.
 */
@SpringBootTest(classes = { WebMvcTestApplication.class, UpgradeRequiredFilterIntegrationTests.Extras.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/app", "spring.mvc.servlet.path=/mvc",
				"upgrade-required.rules[0].paths=/mvc/rule/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredFilterServletPathTests {

	@LocalServerPort
	int port;

	@Autowired
	UpgradeRequiredFilterIntegrationTests.Extras extras;

	@Autowired
	UpgradePolicy policy;

	@BeforeEach
	void forget() {
		this.extras.lookups.clear();
	}

	@Test
	void annotatedEndpointIsRefusedByTheFilter() throws Exception {
		HttpResponse<String> response = send(request(this.port, "/app/mvc/class/inherited").GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.body()).contains("\"instance\":\"/app/mvc/class/inherited\"");
		assertThat(this.extras.lookups).containsExactly("filter /app/mvc/class/inherited");
	}

	@Test
	void pathRuleIsRefusedByTheFilter() throws Exception {
		assertThat(send(request(this.port, "/app/mvc/rule/thing").GET()).statusCode()).isEqualTo(426);
		assertThat(this.extras.lookups).containsExactly("filter /app/mvc/rule/thing");
	}

	@Test
	void reportCountsTheRuleForTheHandlerBelowTheServletPath() {
		RequirementReport.Endpoint ruled = this.policy.index().report()
			.endpoints()
			.stream()
			.filter((endpoint) -> endpoint.patterns().contains("/rule/thing"))
			.findFirst()
			.orElseThrow();
		assertThat(ruled.requirement()).isEqualTo("TLS");
		assertThat(ruled.sources()).containsExactly(new RequirementReport.Source("rule", "TLS", "/mvc/rule/**", "enforced"));
	}

	@Test
	void unprotectedEndpointIsNotLookedUpByTheFilter() throws Exception {
		assertThat(send(request(this.port, "/app/mvc/plain").GET()).body()).isEqualTo("plain");
		assertThat(this.extras.lookups).containsExactly("servlet /app/mvc/plain");
	}

}
