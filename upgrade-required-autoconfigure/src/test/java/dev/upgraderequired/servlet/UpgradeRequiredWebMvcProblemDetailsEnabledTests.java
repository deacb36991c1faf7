package dev.upgraderequired.servlet;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Spring MVC behaviour with Boot's problem details on.
 */
@SpringBootTest(classes = WebMvcTestApplication.class,
		properties = { "spring.mvc.problemdetails.enabled=true", "upgrade-required.https-port=8443",
				"upgrade-required.rules[0].paths=/rule/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredWebMvcProblemDetailsEnabledTests extends AbstractUpgradeRequiredWebMvcTests {

}
