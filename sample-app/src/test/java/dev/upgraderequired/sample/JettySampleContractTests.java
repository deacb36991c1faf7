package dev.upgraderequired.sample;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.test.context.ActiveProfiles;

/**
 * The contract on Spring MVC and Jetty: the sample's {@code jetty} profile.
 */
@ActiveProfiles("jetty")
class JettySampleContractTests extends AbstractServletSampleContractTests {

	@Override
	Class<? extends WebServer> server() {
		return JettyWebServer.class;
	}

}
