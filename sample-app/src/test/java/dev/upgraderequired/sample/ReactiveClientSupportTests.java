package dev.upgraderequired.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The client support against the sample on WebFlux and Reactor Netty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "sample.http-port=0" })
class ReactiveClientSupportTests extends AbstractClientSupportTests {

}
