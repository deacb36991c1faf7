package dev.upgraderequired.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * Spring MVC on Jetty behind a trusted proxy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.ssl.enabled=false",
		"upgrade-required.cleartext.port=", "server.forward-headers-strategy=native" })
@ActiveProfiles("jetty")
class JettyBehindProxyTests extends AbstractJettyBehindProxyTests {

}
