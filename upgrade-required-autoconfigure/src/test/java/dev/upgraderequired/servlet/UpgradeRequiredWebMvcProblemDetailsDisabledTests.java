package dev.upgraderequired.servlet;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Spring MVC behaviour with Boot's problem details off (the default).
 */
@SpringBootTest(classes = WebMvcTestApplication.class,
		properties = { "spring.mvc.problemdetails.enabled=false", "upgrade-required.https-port=8443",
				"upgrade-required.rules[0].paths=/rule/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredWebMvcProblemDetailsDisabledTests extends AbstractUpgradeRequiredWebMvcTests {

}
