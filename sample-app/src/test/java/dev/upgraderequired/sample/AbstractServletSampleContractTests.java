package dev.upgraderequired.sample;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on Spring MVC, and what only the servlet stack has: an error dispatch. Run on Tomcat and on Jetty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.http-port=0",
				// A list property comes whole from one source: the sample's own rules, plus one over the error page.
				"upgrade-required.rules[0].paths=/admin/**,/error", "upgrade-required.rules[0].protocol=tls",
				"upgrade-required.rules[1].paths=/actuator,/actuator/metrics/**,/actuator/upgraderequired/**",
				"upgrade-required.rules[1].protocol=tls", "upgrade-required.rules[2].paths=/api/staged",
				"upgrade-required.rules[2].protocol=tls", "upgrade-required.rules[2].enforce-from=2099-01-01T00:00:00Z" })
@Import({ AbstractSampleContractTests.ContractEndpoints.class,
		AbstractServletSampleContractTests.ServletEndpoints.class })
abstract class AbstractServletSampleContractTests extends AbstractSampleContractTests {

	@Test
	void errorDispatchIsLeftAloneEvenWhereARuleCoversTheErrorPage() throws Exception {
		HttpResponse<String> response = send(http11(), http("/test/fails"));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Upgrade")).isEmpty();
		assertThat(json.readTree(response.body()).get("path").asString()).isEqualTo("/test/fails");
		assertThat(send(http11(), http("/error")).statusCode()).isEqualTo(426);
	}

	/**
	 * Fails on purpose, so that the error dispatch can be observed.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class ServletEndpoints {

		@GetMapping("/test/fails")
		void fails() {
			throw new IllegalStateException("failing on purpose");
		}

	}

}
