package dev.upgraderequired.servlet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on a real server without TLS, HTTP/2 or trusted forwarding headers, whose endpoints require them:
 * it starts, and says at startup what can never be met and what to configure.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = WebMvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=startup-warnings")
class StartupWarningsIntegrationTests {

	@Test
	void requirementsThatNoRequestCanMeetAreWarnedAboutAtStartup(CapturedOutput output) {
		assertThat(output).contains("WARN")
			.contains("endpoints and rules require TLS, but no listener of this application serves TLS")
			.contains("[/class/inherited]")
			.contains("endpoints and rules require HTTP/2, but server.http2.enabled is not set");
	}

}
