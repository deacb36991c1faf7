package dev.upgraderequired.rollout;

import org.springframework.test.context.TestPropertySource;

/**
 * Report-only everywhere on Spring MVC and Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcReportOnlyTests extends AbstractReportOnlyTests {

}
