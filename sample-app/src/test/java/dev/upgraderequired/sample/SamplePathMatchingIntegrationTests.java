package dev.upgraderequired.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.DefaultHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules and annotations hold whatever path matching Spring MVC uses: here the legacy {@code AntPathMatcher}
 * strategy (which routes {@code /x//admin} to {@code /admin}) and a DispatcherServlet mapped under {@code /x}, on a
 * real Tomcat. Spring Security's firewall is relaxed to {@link DefaultHttpFirewall} (which lets {@code ;} and
 * {@code //} through) so that those spellings reach the endpoints: the starter must not depend on the firewall.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.http-port=0", "spring.mvc.pathmatch.matching-strategy=ant-path-matcher",
				"spring.mvc.servlet.path=/x", "upgrade-required.rules[0].paths=/x/admin/**",
				"upgrade-required.rules[0].protocol=tls" })
class SamplePathMatchingIntegrationTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class RelaxedFirewall {

		@Bean
		WebSecurityCustomizer relaxedFirewall() {
			return (web) -> web.httpFirewall(new DefaultHttpFirewall());
		}

	}

	@LocalServerPort
	int httpsPort;

	@Value("${local.upgrade-required.cleartext.port}")
	int httpPort;

	@ParameterizedTest
	@ValueSource(strings = { "/x/admin/status", "/x//admin/status", "/x/admin//status", "/x/./admin/status",
			"/x/admin/./status", "/x/%61dmin/status", "/x/admin;a=b/status", "/x/ADMIN/status", "/x/admin/status/",
			"/x/y/../admin/status" })
	void ruleCoversEverySpellingOfItsPath(String target) throws Exception {
		assertThat(RawHttp.exchange(this.httpPort, "GET", target).status()).as(target).isEqualTo(426);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/x/api/secure", "/x//api/secure", "/x/api//secure", "/x/api/secure/",
			"/x/api/%73ecure", "/x/api;a=b/secure", "/x/api/./secure" })
	void annotationRefusesEverySpellingThatReachesItsEndpoint(String target) throws Exception {
		int overTls = RawHttp.exchangeTls(this.httpsPort, "GET", target).status();
		int overCleartext = RawHttp.exchange(this.httpPort, "GET", target).status();
		assertThat(overCleartext).as(target).isEqualTo((overTls == 200) ? 426 : overTls);
	}

	@Test
	void theAntMatcherRoutesDoubleSlashesToTheProtectedEndpoints() throws Exception {
		assertThat(RawHttp.exchangeTls(this.httpsPort, "GET", "/x//admin/status").body())
			.contains("\"endpoint\":\"admin\"");
		assertThat(RawHttp.exchangeTls(this.httpsPort, "GET", "/x//api/secure").body())
			.contains("\"endpoint\":\"secure\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/x/api/hello", "/x//api/hello" })
	void unprotectedPathsAreServed(String target) throws Exception {
		assertThat(RawHttp.exchange(this.httpPort, "GET", target).status()).as(target).isEqualTo(200);
	}

}
