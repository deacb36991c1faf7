package dev.upgraderequired.reactive;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Forwarded headers trusted through {@code server.forward-headers-strategy=native}.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.forward-headers-strategy=native" })
class WebFluxNativeForwardedHeadersTests extends AbstractWebFluxForwardedHeadersTests {

}
