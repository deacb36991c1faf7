package dev.upgraderequired.sample;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The contract on Spring WebFlux and Jetty: reactive mode with the sample's {@code jetty} profile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "sample.http-port=0" })
@Import(AbstractSampleContractTests.ContractEndpoints.class)
@ActiveProfiles("jetty")
class JettyReactiveSampleContractTests extends AbstractSampleContractTests {

	@Override
	Class<? extends WebServer> server() {
		return JettyWebServer.class;
	}

}
