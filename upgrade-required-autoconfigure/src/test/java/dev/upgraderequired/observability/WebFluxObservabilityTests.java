package dev.upgraderequired.observability;

import org.springframework.test.context.TestPropertySource;

/**
 * The observability contract on WebFlux and Reactor Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxObservabilityTests extends AbstractObservabilityTests {

}
