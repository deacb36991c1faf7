package dev.upgraderequired.observability;

import org.springframework.test.context.TestPropertySource;

/**
 * The observability contract on Spring MVC and Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcObservabilityTests extends AbstractObservabilityTests {

}
