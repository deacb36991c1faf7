package dev.upgraderequired.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code upgrade-required.report-only=true}, on every stack, over real HTTP/1.1: a request to an endpoint whose
 * requirement has no rollout of its own is served and counted with {@code enforced=false}, and the startup says that
 * nothing without a rollout of its own is enforced.
 */
@SpringBootTest(classes = RolloutApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "upgrade-required.report-only=true")
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractReportOnlyTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Test
	void requestThatAnEnforcedRequirementWouldRefuseIsServedAndCountedAsNotEnforced() {
		double before = count(false);
		WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build().get().uri("/report")
			.header("Accept", "application/json").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("{}");
		assertThat(count(false)).isEqualTo(before + 1);
		assertThat(count(true)).isZero();
	}

	@Test
	void startupWarnsThatNothingWithoutARolloutOfItsOwnIsEnforced(CapturedOutput output) {
		assertThat(output).contains("upgrade-required: report-only: no requirement without a rollout of its own "
				+ "is enforced");
	}

	private double count(boolean enforced) {
		Counter counter = this.registry.find("upgrade.required.refusals")
			.tag("uri", "/report")
			.tag("enforced", String.valueOf(enforced))
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
