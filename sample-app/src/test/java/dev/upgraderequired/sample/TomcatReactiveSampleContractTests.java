package dev.upgraderequired.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The contract on Spring WebFlux and Tomcat: reactive mode with the sample's {@code tomcat} profile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "sample.http-port=0" })
@Import(AbstractSampleContractTests.ContractEndpoints.class)
@ActiveProfiles("tomcat")
class TomcatReactiveSampleContractTests extends AbstractSampleContractTests {

	@Override
	Class<? extends WebServer> server() {
		return TomcatWebServer.class;
	}

}
