package dev.upgraderequired.sample;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules hold whatever path matching Spring MVC uses: here the legacy {@code AntPathMatcher} strategy (which routes
 * {@code //admin} to {@code /admin}) and a DispatcherServlet mapped under {@code /x}, on a real Tomcat.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.http-port=0", "spring.mvc.pathmatch.matching-strategy=ant-path-matcher",
				"spring.mvc.servlet.path=/x", "upgrade-required.rules[0].paths=/x/admin/**",
				"upgrade-required.rules[0].protocol=tls" })
class SamplePathMatchingIntegrationTests {

	@Autowired
	WebServerApplicationContext context;

	int httpPort;

	@BeforeEach
	void findCleartextPort() {
		this.httpPort = RawHttp.cleartextPort(this.context);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/x/admin/status", "/x//admin/status", "/x/admin//status",
			"/x/./admin/status", "/x/admin/./status", "/x/%61dmin/status", "/x/admin;a=b/status", "/x/ADMIN/status",
			"/x/admin/status/", "/x/y/../admin/status" })
	void ruleCoversEverySpellingOfTheProtectedPath(String target) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", target);
		assertThat(response.status()).as(target).isIn(426, 400, 404);
		assertThat(response.body()).as(target).doesNotContain("\"endpoint\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/x/api/secure", "/x//api/secure", "/x/api//secure", "/x/api/secure/",
			"/x/api/%73ecure", "/x/api;a=b/secure" })
	void annotationCoversEverySpellingOfTheProtectedPath(String target) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", target);
		assertThat(response.status()).as(target).isIn(426, 400, 404);
		assertThat(response.body()).as(target).doesNotContain("\"endpoint\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/x/api/hello", "/x//api/hello" })
	void unprotectedPathsAreServed(String target) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.httpPort, "GET", target);
		assertThat(response.status()).as(target).isEqualTo(200);
	}

}
