package dev.upgraderequired.autoconfigure.cleartext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.autoconfigure.UpgradeRequiredAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link UpgradeRequiredCleartextAutoConfiguration}: validation with a context runner, and the listener on
 * real Tomcat and Reactor Netty servers (Jetty's is exercised by the sample's contract).
 */
class UpgradeRequiredCleartextAutoConfigurationTests {

	// The sample's demo-only certificate: TLS on server.port is what a cleartext listener is opened beside.
	private static final String DEMO_TLS = "file:../sample-app/src/main/resources/demo-tls/demo-localhost";

	private static final String[] TLS = { "server.ssl.bundle=demo",
			"spring.ssl.bundle.pem.demo.keystore.certificate=" + DEMO_TLS + ".crt",
			"spring.ssl.bundle.pem.demo.keystore.private-key=" + DEMO_TLS + ".key" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
				UpgradeRequiredCleartextAutoConfiguration.class))
		.withUserConfiguration(ServerPropertiesConfiguration.class);

	@Test
	void noListenerIsOpenedByDefault() {
		this.contextRunner.withPropertyValues(TLS)
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatCleartextConnector.class)
				.doesNotHaveBean(CleartextListenerCheck.class));
	}

	@Test
	void noListenerIsOpenedForAnEmptyPort() {
		this.contextRunner.withPropertyValues(TLS)
			.withPropertyValues("upgrade-required.cleartext.port=")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TomcatCleartextConnector.class)
				.doesNotHaveBean(CleartextListenerCheck.class));
	}

	@Test
	void noListenerIsOpenedWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues(TLS)
			.withPropertyValues("upgrade-required.cleartext.port=8080", "upgrade-required.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TomcatCleartextConnector.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "65536", "100000" })
	void portOutOfRangeFailsTheStartupNamingThePropertyAndTheValue(String port) {
		this.contextRunner.withPropertyValues(TLS)
			.withPropertyValues("upgrade-required.cleartext.port=" + port)
			.run((context) -> assertInvalid(context.getStartupFailure(), port, "a port between 1 and 65535, or 0"));
	}

	@Test
	void portOfTheTlsListenerFailsTheStartup() {
		this.contextRunner.withPropertyValues(TLS)
			.withPropertyValues("server.port=8443", "upgrade-required.cleartext.port=8443")
			.run((context) -> assertInvalid(context.getStartupFailure(), "8443", "a port other than server.port"));
	}

	@Test
	void portOfTheTlsListenerByDefaultFailsTheStartup() {
		this.contextRunner.withPropertyValues(TLS)
			.withPropertyValues("upgrade-required.cleartext.port=8080")
			.run((context) -> assertInvalid(context.getStartupFailure(), "8080", "a port other than server.port"));
	}

	@Test
	void cleartextPortWithoutTlsOnTheServerPortFailsTheStartup() {
		this.contextRunner.withPropertyValues("upgrade-required.cleartext.port=8081")
			.run((context) -> assertInvalid(context.getStartupFailure(), "8081",
					"a cleartext listener only beside TLS on server.port"));
	}

	@Test
	void tomcatServesTheApplicationOnTheCleartextPortWithH2c() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET,
				"upgrade-required.cleartext.port=0", "server.http2.enabled=true")) {
			int port = localCleartextPort(context);
			HttpResponse<String> refused = send(HttpClient.Version.HTTP_1_1, "http://localhost:" + port + "/secure");
			assertThat(refused.statusCode()).isEqualTo(426);
			assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			HttpResponse<String> upgraded = send(HttpClient.Version.HTTP_2, "http://localhost:" + port + "/plain");
			assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(upgraded.body()).isEqualTo("plain");
		}
	}

	@Test
	void tomcatOffersNoH2cWithoutHttp2() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET,
				"upgrade-required.cleartext.port=0")) {
			HttpResponse<String> response = send(HttpClient.Version.HTTP_2,
					"http://localhost:" + localCleartextPort(context) + "/plain");
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
			assertThat(response.body()).isEqualTo("plain");
		}
	}

	@Test
	void reactorNettyServesTheApplicationOnASecondServerWithH2c() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.REACTIVE,
				"upgrade-required.cleartext.port=0", "server.http2.enabled=true")) {
			int port = localCleartextPort(context);
			assertThat(send(HttpClient.Version.HTTP_1_1, "http://localhost:" + port + "/secure").statusCode())
				.isEqualTo(426);
			HttpResponse<String> upgraded = send(HttpClient.Version.HTTP_2, "http://localhost:" + port + "/plain");
			assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(upgraded.body()).isEqualTo("plain");
		}
	}

	@Test
	void tomcatKeepsTrustingForwardingHeadersOnlyFromItsInternalProxies() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET,
				"upgrade-required.cleartext.port=0", "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1")) {
			HttpRequest forged = HttpRequest.newBuilder(URI.create("http://localhost:" + localCleartextPort(context)
					+ "/secure")).header("X-Forwarded-Proto", "https").build();
			assertThat(HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
				.isEqualTo(426);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "SERVLET:framework", "REACTIVE:native", "REACTIVE:framework" })
	void forwardingHeadersThatEveryClientCouldSendFailTheStartup(String typeAndStrategy) {
		String[] parts = typeAndStrategy.split(":");
		assertThatException()
			.isThrownBy(() -> run(WebApplicationType.valueOf(parts[0]), "upgrade-required.cleartext.port=0",
					"server.forward-headers-strategy=" + parts[1])
				.close())
			.satisfies((ex) -> {
				InvalidRequirementException invalid = invalid(ex);
				assertThat(invalid.getSource()).isEqualTo("upgrade-required.cleartext.port");
				assertThat(invalid.getAllowed()).contains("forwarding headers are trusted from every client")
					.contains("server.forward-headers-strategy=" + parts[1])
					.contains("set server.forward-headers-strategy=none");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "SERVLET", "REACTIVE" })
	void portInUseFailsTheStartupNamingTheProperty(WebApplicationType type) throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			String property = "upgrade-required.cleartext.port=" + taken.getLocalPort();
			assertThatException().isThrownBy(() -> run(type, property).close()).satisfies((ex) -> {
				MockEnvironment environment = new MockEnvironment().withProperty("upgrade-required.cleartext.port",
						String.valueOf(taken.getLocalPort()));
				FailureAnalysis analysis = new CleartextPortInUseFailureAnalyzer(environment).analyze(ex);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("port " + taken.getLocalPort())
					.contains("upgrade-required.cleartext.port");
				assertThat(analysis.getAction()).contains("set upgrade-required.cleartext.port to another port");
			});
		}
	}

	@Test
	void portInUseOfTheApplicationsOwnListenerIsLeftToBoot() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			assertThatException()
				.isThrownBy(() -> run(WebApplicationType.SERVLET, "server.port=" + taken.getLocalPort(),
						"upgrade-required.cleartext.port=0")
					.close())
				.satisfies((ex) -> assertThat(new CleartextPortInUseFailureAnalyzer(
						new MockEnvironment().withProperty("upgrade-required.cleartext.port", "0"))
					.analyze(ex)).isNull());
		}
	}

	// The failure analyzer's report of such an exception is InvalidRequirementFailureAnalyzer's (tested with it).
	@Test
	void failureAnalyzerOfAPortInUseIsRegistered() throws IOException {
		Properties factories = new Properties();
		factories.load(new ClassPathResource("META-INF/spring.factories").getInputStream());
		assertThat(factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer"))
			.contains(CleartextPortInUseFailureAnalyzer.class.getName());
	}

	private static void assertInvalid(Throwable failure, String value, String allowed) {
		InvalidRequirementException invalid = invalid(failure);
		assertThat(invalid.getSource()).isEqualTo("upgrade-required.cleartext.port");
		assertThat(invalid.getValue()).isEqualTo(value);
		assertThat(invalid.getAllowed()).contains(allowed);
	}

	private static InvalidRequirementException invalid(Throwable failure) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(cause).isInstanceOf(InvalidRequirementException.class);
		return (InvalidRequirementException) cause;
	}

	private static ConfigurableApplicationContext run(WebApplicationType type, String... properties) {
		return new SpringApplicationBuilder(CleartextApplication.class).web(type)
			.properties("server.port=0")
			.properties(TLS)
			.properties(properties)
			.run();
	}

	private static int localCleartextPort(ConfigurableApplicationContext context) {
		Integer port = context.getEnvironment().getProperty(CleartextPort.LOCAL_PORT_PROPERTY, Integer.class);
		assertThat(port).isNotNull().isPositive();
		return port;
	}

	private static HttpResponse<String> send(HttpClient.Version version, String uri)
			throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build();
		return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@EnableConfigurationProperties(ServerProperties.class)
	static class ServerPropertiesConfiguration {

	}

	/**
	 * Spring MVC on Tomcat or WebFlux on Reactor Netty (Tomcat, there for Spring MVC, would otherwise be a candidate
	 * reactive server too).
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration(exclude = TomcatReactiveWebServerAutoConfiguration.class)
	@Import(Endpoints.class)
	static class CleartextApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/secure")
		String secure() {
			return "secure";
		}

	}

}
