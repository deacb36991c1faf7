package dev.upgraderequired.security;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.sample.RawHttp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.PortMapper;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security beside the starter with its defaults, on real servers of both stacks: a request refused for its
 * protocol gets its 426 before any Security filter acts (no challenge, no login redirect, no CSRF rejection, no
 * redirect to https), and every other request meets Security exactly as configured.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringSecurityScenarioTests {

	private static final String DEMO = "Authorization: Basic ZGVtbzpkZW1v";

	@ParameterizedTest
	@EnumSource
	void httpBasicNeverChallengesARequestRefusedForItsProtocol(Stack stack) throws Exception {
		try (App app = App.start(stack, HttpBasic.class)) {
			assertRefused(app.cleartext("GET", "/secure"));
			assertRefused(app.cleartext("GET", "/secure", DEMO));
			RawHttp.Response anonymous = app.tls("GET", "/secure");
			assertThat(anonymous.status()).isEqualTo(401);
			assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
			RawHttp.Response demo = app.tls("GET", "/secure", DEMO);
			assertThat(demo.status()).isEqualTo(200);
			assertThat(demo.body()).isEqualTo("secure for demo");
			RawHttp.Response http2 = app.cleartext("GET", "/stream");
			assertThat(http2.status()).isEqualTo(426);
			assertThat(http2.header("Upgrade")).isEqualTo("h2c");
			assertThat(http2.header("WWW-Authenticate")).isNull();
			// What a refusal reveals: that a protected endpoint exists at /secure, where every other path gets 401.
			assertThat(app.cleartext("GET", "/open").status()).isEqualTo(401);
			assertThat(app.cleartext("GET", "/nowhere").status()).isEqualTo(401);
		}
	}

	@ParameterizedTest
	@EnumSource
	void aTlsRuleOverTheWholePathSpaceRevealsNoEndpoint(Stack stack) throws Exception {
		try (App app = App.start(stack, HttpBasic.class, "upgrade-required.rules[0].paths=/**",
				"upgrade-required.rules[0].protocol=tls")) {
			for (String path : List.of("/secure", "/open", "/nowhere")) {
				assertRefused(app.cleartext("GET", path));
			}
			assertThat(app.tls("GET", "/nowhere").status()).isEqualTo(401);
			assertThat(app.tls("GET", "/open", DEMO).status()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource
	void csrfProtectionNeverRejectsAPostRefusedForItsProtocol(Stack stack) throws Exception {
		try (App app = App.start(stack, HttpBasic.class)) {
			assertRefused(app.cleartextPost("/secure"));
			assertRefused(app.cleartextPost("/secure", DEMO));
			// Over TLS, the POST without a CSRF token meets Spring Security's CSRF protection.
			assertThat(app.tlsPost("/secure", DEMO).status()).isEqualTo(403);
		}
	}

	@ParameterizedTest
	@EnumSource
	void formLoginNeverRedirectsARequestRefusedForItsProtocolToTheLoginPage(Stack stack) throws Exception {
		try (App app = App.start(stack, FormLogin.class)) {
			RawHttp.Response refused = app.cleartext("GET", "/secure");
			assertRefused(refused);
			assertThat(refused.header("Location")).isNull();
			assertRedirectedTo(app.tls("GET", "/secure"), "https://localhost:" + app.httpsPort() + "/login");
			assertRedirectedTo(app.cleartext("GET", "/open"), "http://localhost:" + app.httpPort() + "/login");
		}
	}

	@ParameterizedTest
	@EnumSource
	void redirectToHttpsRedirectsOnlyEndpointsWithoutARequirement(Stack stack) throws Exception {
		try (App app = App.start(stack, RedirectToHttps.class)) {
			RawHttp.Response refused = app.cleartext("GET", "/secure");
			assertRefused(refused);
			assertThat(refused.header("Location")).isNull();
			assertRedirectedTo(app.cleartext("GET", "/open"), "https://localhost:" + app.httpsPort() + "/open");
			assertThat(app.tls("GET", "/open").status()).isEqualTo(200);
			assertThat(app.tls("GET", "/secure").status()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource
	void aFilterOrderAfterSpringSecurityLetsSecurityActFirst(Stack stack) throws Exception {
		try (App app = App.start(stack, HttpBasic.class, "upgrade-required.filter-order=0")) {
			RawHttp.Response challenged = app.cleartext("GET", "/secure");
			assertThat(challenged.status()).isEqualTo(401);
			assertThat(challenged.header("WWW-Authenticate")).startsWith("Basic");
			assertRefused(app.cleartext("GET", "/secure", DEMO));
		}
	}

	@ParameterizedTest
	@EnumSource
	void browserNavigationIsRedirectedBeforeSecurityAndStrictTransportSecurityIsLeftToIt(Stack stack,
			CapturedOutput output) throws Exception {
		try (App app = App.start(stack, HttpBasic.class, "upgrade-required.browser-redirect.enabled=true",
				"upgrade-required.hsts.enabled=true", "upgrade-required.hsts.max-age=60")) {
			RawHttp.Response redirected = app.cleartext("GET", "/secure", "Sec-Fetch-Mode: navigate");
			assertThat(redirected.status()).isEqualTo(308);
			assertThat(redirected.header("Location")).isEqualTo("https://localhost:" + app.httpsPort() + "/secure");
			assertThat(redirected.header("WWW-Authenticate")).isNull();
			assertRefused(app.cleartext("GET", "/secure", "Sec-Fetch-Mode: cors"));
			// Over TLS Security asks for credentials, and its Strict-Transport-Security is the only one.
			RawHttp.Response challenged = app.tls("GET", "/secure", "Sec-Fetch-Mode: navigate");
			assertThat(challenged.status()).isEqualTo(401);
			RawHttp.Response served = app.tls("GET", "/secure", DEMO);
			assertThat(served.status()).isEqualTo(200);
			assertThat(served.header("Strict-Transport-Security")).doesNotContain("max-age=60")
				.doesNotContain(",")
				.startsWith("max-age=");
			assertThat(app.context().getBean(UpgradePolicy.class).decider().sendsStrictTransportSecurity()).isFalse();
			assertThat(output).contains("upgrade-required.hsts.enabled=true is ignored: Spring Security's filter "
					+ "chain is present, which writes Strict-Transport-Security by default");
		}
	}

	private static void assertRefused(RawHttp.Response response) {
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).isNull();
		assertThat(response.header("Set-Cookie")).isNull();
	}

	// A relative Location (WebFlux sends one) is taken relative to the expected URL, which has the request's origin
	// wherever the redirect stays on it.
	private static void assertRedirectedTo(RawHttp.Response response, String url) {
		assertThat(response.status()).isEqualTo(302);
		assertThat(URI.create(url).resolve(response.header("Location"))).hasToString(url);
	}

	enum Stack {

		SPRING_MVC_ON_TOMCAT("servlet"), WEBFLUX_ON_REACTOR_NETTY("reactive");

		private final String webApplicationType;

		Stack(String webApplicationType) {
			this.webApplicationType = webApplicationType;
		}

	}

	/**
	 * The application, started with {@code security-scenarios.properties}, one of the Security configurations below
	 * and extra properties.
	 */
	record App(ConfigurableApplicationContext context, int httpPort, int httpsPort) implements AutoCloseable {

		static App start(Stack stack, Class<?> security, String... properties) {
			List<String> args = new ArrayList<>(List.of("--spring.config.name=security-scenarios",
					"--spring.main.web-application-type=" + stack.webApplicationType));
			for (String property : properties) {
				args.add("--" + property);
			}
			ConfigurableApplicationContext context = new SpringApplicationBuilder(ScenarioApplication.class, security)
				.run(args.toArray(String[]::new));
			Environment environment = context.getEnvironment();
			return new App(context, environment.getRequiredProperty("local.upgrade-required.cleartext.port", int.class),
					environment.getRequiredProperty("local.server.port", int.class));
		}

		RawHttp.Response cleartext(String method, String target, String... headers) throws Exception {
			return RawHttp.exchange(this.httpPort, method, target, headers);
		}

		RawHttp.Response tls(String method, String target, String... headers) throws Exception {
			return RawHttp.exchangeTls(this.httpsPort, method, target, headers);
		}

		RawHttp.Response cleartextPost(String target, String... headers) throws Exception {
			return RawHttp.exchangeWithBody(this.httpPort, false, "POST", target, "x=1", form(headers));
		}

		RawHttp.Response tlsPost(String target, String... headers) throws Exception {
			return RawHttp.exchangeWithBody(this.httpsPort, true, "POST", target, "x=1", form(headers));
		}

		private static String[] form(String... headers) {
			List<String> all = new ArrayList<>(List.of(headers));
			all.add("Content-Type: application/x-www-form-urlencoded");
			return all.toArray(String[]::new);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ScenarioController.class)
	static class ScenarioApplication {

	}

	/**
	 * An annotated controller, which both stacks serve.
	 */
	@RestController
	static class ScenarioController {

		@GetMapping("/open")
		String open() {
			return "open";
		}

		@GetMapping("/secure")
		@RequiresProtocol(Protocol.TLS)
		String secure(Principal principal) {
			return "secure for " + ((principal != null) ? principal.getName() : "anonymous");
		}

		@GetMapping("/stream")
		@RequiresProtocol(Protocol.HTTP_2)
		String stream() {
			return "stream";
		}

		@PostMapping("/secure")
		@RequiresProtocol(Protocol.TLS)
		String update(Principal principal) {
			return "updated for " + principal.getName();
		}

	}

	/**
	 * Every request authenticated, by HTTP Basic; CSRF protection at Spring Security's default. On Spring MVC the
	 * error page is open, so that a rejection keeps its status on its way there.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HttpBasic {

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		SecurityFilterChain servletChain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		SecurityWebFilterChain reactiveChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	/**
	 * Every request authenticated, by a login form.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FormLogin {

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		SecurityFilterChain servletChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		SecurityWebFilterChain reactiveChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

	}

	/**
	 * Every request open, and redirected to the HTTPS port when it arrives over cleartext.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RedirectToHttps {

		@Bean
		LocalPortMapper portMapper(Environment environment) {
			return new LocalPortMapper(environment);
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		SecurityFilterChain servletChain(HttpSecurity http, LocalPortMapper portMapper) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.portMapper((ports) -> ports.portMapper(portMapper))
				.redirectToHttps(Customizer.withDefaults())
				.build();
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		SecurityWebFilterChain reactiveChain(ServerHttpSecurity http, LocalPortMapper portMapper) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.redirectToHttps((redirect) -> redirect.portMapper(portMapper))
				.build();
		}

	}

	/**
	 * Maps the random cleartext port to the random HTTPS port, once both are known.
	 */
	record LocalPortMapper(Environment environment) implements PortMapper {

		@Override
		public Integer lookupHttpPort(Integer httpsPort) {
			return this.environment.getRequiredProperty("local.upgrade-required.cleartext.port", Integer.class);
		}

		@Override
		public Integer lookupHttpsPort(Integer httpPort) {
			return this.environment.getRequiredProperty("local.server.port", Integer.class);
		}

	}

}
