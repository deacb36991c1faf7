package dev.upgraderequired.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.MockServletView;
import dev.upgraderequired.core.UpgradePolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link UpgradeRequiredAutoConfiguration}: the policy from configuration, and the startup failures for
 * invalid configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradeRequiredAutoConfigurationTests {

	// No request mapping of another HTTP method requires anything.
	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class));

	@Test
	void policyIsConfiguredInEveryWebApplication() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(UpgradePolicy.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradePolicy.class));
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		this.contextRunner.withPropertyValues("upgrade-required.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradePolicy.class));
	}

	@Test
	void rulesRequireTheirProtocolOnEveryPathTheyList() {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**,/ops/**",
					"upgrade-required.rules[0].protocol=tls", "upgrade-required.rules[0].min-tls-version=1.3",
					"upgrade-required.rules[1].paths=/stream/**", "upgrade-required.rules[1].protocol=http-2")
			.run((context) -> {
				UpgradePolicy policy = context.getBean(UpgradePolicy.class);
				assertThat(reason(policy, "/admin/x", "TLSv1.2")).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
				assertThat(reason(policy, "/ops/x", "TLSv1.2")).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
				assertThat(reason(policy, "/ops/x", "TLSv1.3")).isNull();
				assertThat(reason(policy, "/stream/x", "TLSv1.3")).isEqualTo(UpgradeReason.HTTP2_REQUIRED);
				assertThat(reason(policy, "/other", null)).isNull();
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			upgrade-required.rules[0].min-tls-version | tls-1-3 | TLSv1.2
			upgrade-required.rules[0].min-tls-version | TLS_1_3 | TLSv1.2
			upgrade-required.rules[0].min-tls-version | TLSv1.3 | TLSv1.2
			upgrade-required.rules[0].protocol        | TLS     | 
			upgrade-required.rules[0].protocol        | Tls     | 
			""")
	void enumValuesBindAsWrittenInConfiguration(String property, String value, @Nullable String tls) {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**", "upgrade-required.rules[0].protocol=tls",
					property + "=" + value)
			.run((context) -> assertThat(reason(context.getBean(UpgradePolicy.class), "/admin/x", tls))
				.isIn(UpgradeReason.TLS_VERSION_TOO_OLD, UpgradeReason.TLS_REQUIRED));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			upgrade-required.rules[0].paths           | /admin/{ | a path pattern starting with '/'
			upgrade-required.rules[0].paths           | admin/** | a path pattern starting with '/'
			upgrade-required.https-port               | 0        | a port between 1 and 65535
			upgrade-required.problem.type-base        | problems | an absolute URI
			upgrade-required.https-host               | example.com:8443    | a host name or IP address without scheme
			upgrade-required.https-host               | https://example.com | a host name or IP address without scheme
			upgrade-required.https-host               | example.com/api     | a host name or IP address without scheme
			upgrade-required.https-host               | exa mple.com        | a host name or IP address without scheme
			upgrade-required.https-host               | [example.com]       | a host name or IP address without scheme
			upgrade-required.https-host               | -example.com        | a host name or IP address without scheme
			""")
	void invalidPropertyFailsStartupNamingPropertyValueAndAllowedValues(String property, String value,
			String allowed) {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**", "upgrade-required.rules[0].protocol=tls",
					property + "=" + value)
			.run((context) -> assertInvalid(context, property.replace("paths", "paths[0]"), value, allowed));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			api.example.com | https://api.example.com:8443/admin/x
			192.0.2.1       | https://192.0.2.1:8443/admin/x
			[2001:db8::1]   | https://[2001:db8::1]:8443/admin/x
			""")
	void httpsHostReplacesTheHostTheRequestAddressed(String host, String url) {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**", "upgrade-required.rules[0].protocol=tls",
					"upgrade-required.https-port=8443", "upgrade-required.https-host=" + host)
			.run((context) -> {
				UpgradePolicy policy = context.getBean(UpgradePolicy.class);
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/x");
				request.setServerName("client-chosen.example");
				Decision decision = policy.decider().decide(request, MockServletView.INSTANCE, null);
				assertThat(decision).isInstanceOf(Decision.Refuse.class);
				String body = new String(((Decision.Refuse) decision).response().body(), StandardCharsets.US_ASCII);
				assertThat(body).contains("\"httpsUrl\":\"" + url + "\"").doesNotContain("client-chosen");
			});
	}

	@ParameterizedTest
	@CsvSource({ "-1s, PT-1S", "500ms, PT0.5S", "1500ms, PT1.5S" })
	void strictTransportSecurityMaxAgeOtherThanWholeSecondsFailsStartupEvenWhenOff(String value, String shown) {
		for (String enabled : new String[] { "true", "false" }) {
			this.contextRunner
				.withPropertyValues("upgrade-required.hsts.enabled=" + enabled,
						"upgrade-required.hsts.max-age=" + value)
				.run((context) -> assertInvalid(context, "upgrade-required.hsts.max-age", shown,
						"a whole number of seconds, zero or more"));
		}
	}

	@Test
	void strictTransportSecurityIsSentOnlyWhenEnabled() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(UpgradePolicy.class).decider().sendsStrictTransportSecurity())
				.isFalse());
		this.contextRunner.withPropertyValues("upgrade-required.hsts.enabled=true")
			.run((context) -> assertThat(context.getBean(UpgradePolicy.class).decider().sendsStrictTransportSecurity())
				.isTrue());
	}

	@Test
	void ruleWithoutProtocolFailsStartup() {
		this.contextRunner.withPropertyValues("upgrade-required.rules[0].paths=/admin/**")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].protocol", "",
					"one of tls, http-2, websocket"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			upgrade-required.rules[0].path         | upgrade-required.rules[0].paths
			upgrade-required.rules[3].protocl      | upgrade-required.rules[3].protocol
			upgrade-required.enabeld               | upgrade-required.enabled
			upgrade-required.https-prot            | upgrade-required.https-port
			upgrade-required.browser-redirect.on   | upgrade-required.browser-redirect.enabled
			""")
	void unknownPropertyFailsTheStartupNamingTheNearestKnownOne(String property, String nearest) {
		this.contextRunner.withPropertyValues(property + "=x")
			.run((context) -> assertInvalid(context, property, "x",
					"no module of upgrade-required knows this property; did you mean " + nearest + "?"));
	}

	@Test
	void everyDocumentedPropertyIsKnownIncludingListsWrittenElementByElement() {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths[0]=/a/**", "upgrade-required.rules[0].paths[1]=/b",
					"upgrade-required.rules[0].protocol=tls", "upgrade-required.rules[0].min-tls-version=1.3",
					"upgrade-required.rules[1].paths=/c", "upgrade-required.rules[1].protocol=http-2",
					"upgrade-required.https-host=example.com", "upgrade-required.problem.type-base=https://x/p",
					"upgrade-required.browser-redirect.enabled=true", "upgrade-required.hsts.max-age=60s",
					"upgrade-required.websocket.enabled=true", "upgrade-required.filter-order=-101")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void filterOrderIsReadFromThePropertiesAndDefaultsToJustBeforeSpringSecurity() {
		// After the request-context filter (-105), before Spring Security's filter chain (-100 on both stacks).
		assertThat(new UpgradeRequiredProperties().getFilterOrder()).isBetween(-104, -101);
		this.contextRunner.run((context) -> assertThat(context.getBean(UpgradePolicy.class).filterOrder())
			.isEqualTo(new UpgradeRequiredProperties().getFilterOrder()));
		this.contextRunner.withPropertyValues("upgrade-required.filter-order=7")
			.run((context) -> assertThat(context.getBean(UpgradePolicy.class).filterOrder()).isEqualTo(7));
	}

	@Test
	void ruleWithoutPathsFailsStartup() {
		this.contextRunner.withPropertyValues("upgrade-required.rules[0].protocol=tls")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].paths", "",
					"at least one path pattern"));
	}

	@Test
	void minimumTlsVersionWithAnotherProtocolFailsStartup() {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/a", "upgrade-required.rules[0].protocol=http-2",
					"upgrade-required.rules[0].min-tls-version=1.3")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].min-tls-version", "1.3",
					"a minimum TLS version only with protocol tls, not http-2; any otherwise"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			upgrade-required.rules[0].protocol        | tsl     | one of tls, http-2, websocket
			upgrade-required.rules[0].protocol        | http/3  | one of tls, http-2, websocket
			upgrade-required.rules[0].min-tls-version | 1.4     | one of 1.2, 1.3, any
			upgrade-required.rules[0].min-tls-version | TLSv1.1 | one of 1.2, 1.3, any
			""")
	void unknownValueFailsTheStartupWithAReportNamingPropertyValueAndTheDocumentedSpellings(String property,
			String value, String allowed, CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "upgrade-required.rules[0].paths=/admin/**",
					"upgrade-required.rules[0].protocol=tls", property + "=" + value)
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property)
			.contains("Value: '" + value + "'")
			.contains("Update " + property + ": " + allowed + ".")
			.doesNotContain("No enum constant")
			.doesNotContain("TLS_1_2")
			.doesNotContain("WEBSOCKET");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			upgrade-required.https-port        | 70000                | a port between 1 and 65535
			upgrade-required.https-host        | https://example.com  | a host name or IP address
			upgrade-required.problem.type-base | problems             | an absolute URI
			upgrade-required.hsts.max-age      | 1500ms               | a whole number of seconds
			""")
	void valueThatAPropertySetterRejectsFailsTheStartupWithTheStartersReport(String property, String value,
			String allowed, CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", property + "=" + value)
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property)
			.contains("Update " + property + ": " + allowed);
	}

	@ParameterizedTest
	@CsvSource({ "tls, TLS", "TLS, TLS", "http-2, HTTP_2", "HTTP_2, HTTP_2", "http2, HTTP_2", "HTTP/2, HTTP_2", "WebSocket, WEBSOCKET" })
	void protocolIsBoundFromEverySpellingOfItsName(String value, Protocol protocol) {
		assertThat(new ProtocolConverter().convert(value)).isEqualTo(protocol);
	}

	@Test
	void rulesInAServletApplicationWithoutSpringMvcFailTheStartup() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**", "upgrade-required.rules[0].protocol=tls")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("upgrade-required.rules are set")
					.hasMessageContaining("no Spring MVC DispatcherServlet");
			});
	}

	@Test
	void reportOnlyRuleWithADateFailsTheStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/api/**", "upgrade-required.rules[0].protocol=tls",
					"upgrade-required.rules[0].report-only=true",
					"upgrade-required.rules[0].enforce-from=2027-03-01T00:00:00Z")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].enforce-from", "2027-03-01T00:00:00Z",
					"no date together with upgrade-required.rules[0].report-only=true"));
	}

	@Test
	void reportOnlyEverywhereWithADateFailsTheStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("upgrade-required.report-only=true",
					"upgrade-required.enforce-from=2027-03-01T00:00:00Z")
			.run((context) -> assertInvalid(context, "upgrade-required.enforce-from", "2027-03-01T00:00:00Z",
					"no date together with upgrade-required.report-only=true"));
	}

	@Test
	void enforceFromThatIsNoInstantFailsTheStartupNamingThePropertyAndTheForm() {
		this.contextRunner.withPropertyValues("upgrade-required.rules[0].paths=/api/**",
				"upgrade-required.rules[0].protocol=tls", "upgrade-required.rules[0].enforce-from=1 March 2027")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new UnknownValueFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("upgrade-required.rules[0].enforce-from")
					.contains("'1 March 2027'");
				assertThat(analysis.getAction()).contains("an ISO-8601 instant, such as 2027-03-01T00:00:00Z");
			});
	}

	@Test
	void deprecationLinkThatIsNoWebUrlFailsTheStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("upgrade-required.deprecation-link=docs/tls")
			.run((context) -> assertInvalid(context, "upgrade-required.deprecation-link", "docs/tls",
					"an absolute http or https URL"));
	}

	@Test
	void servletApplicationWithoutSpringMvcAndWithoutRulesStarts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(UpgradePolicy.class));
	}

	@Test
	void failureAnalyzersAreRegistered() throws IOException {
		Properties factories = new Properties();
		factories.load(new ClassPathResource("META-INF/spring.factories").getInputStream());
		assertThat(factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer"))
			.contains(InvalidRequirementFailureAnalyzer.class.getName())
			.contains(UnknownValueFailureAnalyzer.class.getName())
			.contains(UnsupportedServerFailureAnalyzer.class.getName());
	}

	private static @Nullable UpgradeReason reason(UpgradePolicy policy, String path, @Nullable String tls) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (tls != null) {
			request.setSecure(true);
			request.setAttribute("jakarta.servlet.request.secure_protocol", tls);
		}
		Decision decision = policy.decider().decide(request, MockServletView.INSTANCE, new Object());
		return (decision instanceof Decision.Refuse refuse) ? refuse.reason() : null;
	}

	static void assertInvalid(AssertableWebApplicationContext context, String source, String value, String allowed) {
		assertThat(context).hasFailed();
		assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
			.isInstanceOf(InvalidRequirementException.class)
			.hasMessageContaining(source)
			.hasMessageContaining("'" + value + "'")
			.hasMessageContaining(allowed);
		FailureAnalysis analysis = new InvalidRequirementFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(source).contains("'" + value + "'");
		assertThat(analysis.getAction()).contains(source).contains(allowed);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(exclude = TomcatReactiveWebServerAutoConfiguration.class)
	static class Application {

	}

}
