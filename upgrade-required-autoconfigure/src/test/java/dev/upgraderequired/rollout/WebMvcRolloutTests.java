package dev.upgraderequired.rollout;

import org.springframework.test.context.TestPropertySource;

/**
 * The rollout of requirements on Spring MVC and Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcRolloutTests extends AbstractRolloutTests {

}
