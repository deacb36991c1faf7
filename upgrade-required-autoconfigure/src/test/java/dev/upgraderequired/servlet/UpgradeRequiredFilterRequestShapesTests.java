package dev.upgraderequired.servlet;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.request;
import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter refuses before a filter ordered where Spring Security's is (it answers 401 to requests with
 * {@code X-Deny}), on a real Tomcat, for requests of every shape: a context path that Spring's
 * {@code ForwardedHeaderFilter} added from {@code X-Forwarded-Prefix}, a request for another servlet (the legacy one
 * at {@code /legacy/*}), and a request that no handler serves, both held to the path rules.
 */
@SpringBootTest(classes = { WebMvcTestApplication.class, UpgradeRequiredFilterIntegrationTests.Extras.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=framework", "spring.web.resources.add-mappings=false",
				"upgrade-required.rules[0].paths=/legacy/**,/gone/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredFilterRequestShapesTests {

	private static final String DENY = UpgradeRequiredFilterIntegrationTests.Extras.DENY;

	@LocalServerPort
	int port;

	@Autowired
	UpgradeRequiredFilterIntegrationTests.Extras extras;

	@BeforeEach
	void forget() {
		this.extras.lookups.clear();
		this.extras.reachedLaterFilter.clear();
	}

	@Test
	void forwardedPrefixIsPartOfTheContextPathTheFilterJudgesBy() throws Exception {
		HttpResponse<String> response = send(request(this.port, "/class/inherited").header("X-Forwarded-Prefix", "/foo")
			.header(DENY, "yes")
			.GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.body()).contains("\"instance\":\"/foo/class/inherited\"");
		assertThat(this.extras.reachedLaterFilter).isEmpty();
	}

	@Test
	void forwardedProtoHttpsMeetsTheRequirementAndReachesSecurity() throws Exception {
		HttpResponse<String> response = send(request(this.port, "/class/inherited").header("X-Forwarded-Proto", "https")
			.header(DENY, "yes")
			.GET());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void anotherServletsRequestIsHeldToThePathRules() throws Exception {
		assertThat(send(request(this.port, "/legacy/page").header(DENY, "yes").GET()).statusCode()).isEqualTo(426);
		assertThat(this.extras.reachedLaterFilter).isEmpty();
		HttpResponse<String> https = send(
				request(this.port, "/legacy/page").header("X-Forwarded-Proto", "https").GET());
		assertThat(https.statusCode()).isEqualTo(200);
		assertThat(https.body()).isEqualTo("legacy");
	}

	@Test
	void requestThatNoHandlerServesIsHeldToThePathRules() throws Exception {
		assertThat(send(request(this.port, "/gone/page").header(DENY, "yes").GET()).statusCode()).isEqualTo(426);
		assertThat(send(request(this.port, "/gone/page").header("X-Forwarded-Proto", "https").GET()).statusCode())
			.isEqualTo(404);
		assertThat(send(request(this.port, "/elsewhere").GET()).statusCode()).isEqualTo(404);
	}

}
