package dev.upgraderequired.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The client support against the sample on Spring MVC and Tomcat.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.http-port=0")
class ServletClientSupportTests extends AbstractClientSupportTests {

}
