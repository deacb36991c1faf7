package dev.upgraderequired.rollout;

import org.springframework.test.context.TestPropertySource;

/**
 * The rollout of requirements on WebFlux and Reactor Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxRolloutTests extends AbstractRolloutTests {

}
