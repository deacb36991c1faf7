package dev.upgraderequired.rollout;

import org.springframework.test.context.TestPropertySource;

/**
 * Report-only everywhere on WebFlux and Reactor Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxReportOnlyTests extends AbstractReportOnlyTests {

}
