package dev.upgraderequired.servlet;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.Extras.DENY;
import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.request;
import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code upgrade-required.filter-order} below Spring Security's order: the client hears that it must upgrade
 * before it hears that it must authenticate.
 */
@SpringBootTest(classes = { WebMvcTestApplication.class, UpgradeRequiredFilterIntegrationTests.Extras.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "upgrade-required.filter-order=-101")
class UpgradeRequiredFilterOrderTests {

	@LocalServerPort
	int port;

	@Test
	void refusalComesBeforeAFilterOrderedWhereSpringSecurityIs() throws Exception {
		assertThat(send(request(this.port, "/class/inherited").header(DENY, "yes").GET()).statusCode())
			.isEqualTo(426);
		assertThat(send(request(this.port, "/plain").header(DENY, "yes").GET()).statusCode()).isEqualTo(401);
	}

}
