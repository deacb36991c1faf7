package dev.upgraderequired.autoconfigure;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import dev.upgraderequired.autoconfigure.cleartext.UpgradeRequiredCleartextAutoConfiguration;
import dev.upgraderequired.observability.AuditApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AotConditions}, run on the bean definitions of real contexts as if they had been generated at
 * build time: removing the starter's beans at run time leaves exactly the beans the same application has with the
 * starter off, the application's own beans included.
 */
class AotConditionsTests {

	private static final AutoConfigurations STARTER = AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
			UpgradeRequiredWebMvcAutoConfiguration.class, UpgradeRequiredWebFluxAutoConfiguration.class,
			UpgradeRequiredMetricsAutoConfiguration.class, UpgradeRequiredEndpointAutoConfiguration.class,
			UpgradeRequiredOpenApiAutoConfiguration.class, UpgradeRequiredAotAutoConfiguration.class);

	private static final AutoConfigurations CLEARTEXT = AutoConfigurations
		.of(UpgradeRequiredCleartextAutoConfiguration.class);

	private static final String CLEARTEXT_PORT = "upgrade-required.cleartext.port=0";

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withConfiguration(STARTER)
		.withUserConfiguration(AuditApplication.class)
		.withPropertyValues("management.endpoints.web.exposure.include=upgraderequired");

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class))
		.withConfiguration(STARTER)
		.withUserConfiguration(AuditApplication.class)
		.withPropertyValues("management.endpoints.web.exposure.include=upgraderequired");

	@Test
	void disabledAtRunTimeLeavesTheBeansOfTheApplicationBuiltDisabledOnSpringMvc() {
		WebApplicationContextRunner runner = this.servlet.withConfiguration(CLEARTEXT)
			.withPropertyValues(CLEARTEXT_PORT)
			.withBean(ServerProperties.class, AotConditionsTests::tls);
		Set<String> disabled = new TreeSet<>();
		runner.withPropertyValues("upgrade-required.enabled=false").run((context) -> disabled.addAll(names(context)));
		runner.run((context) -> assertRemovalLeaves(disabled, context));
	}

	@Test
	void disabledAtRunTimeLeavesTheBeansOfTheApplicationBuiltDisabledOnWebFlux() {
		ReactiveWebApplicationContextRunner runner = this.reactive.withConfiguration(CLEARTEXT)
			.withPropertyValues(CLEARTEXT_PORT)
			.withBean(ServerProperties.class, AotConditionsTests::tls);
		Set<String> disabled = new TreeSet<>();
		runner.withPropertyValues("upgrade-required.enabled=false").run((context) -> disabled.addAll(names(context)));
		runner.run((context) -> assertRemovalLeaves(disabled, context));
	}

	private static void assertRemovalLeaves(Set<String> disabled, ConfigurableApplicationContext context) {
		assertThat(context.getBeanDefinitionNames()).contains("upgradeRequiredPolicy", "upgradeRequiredRefusalMetrics",
				"upgradeRequiredEndpoint", "upgradeRequiredOperationCustomizer",
				"upgradeRequiredCleartextListenerCheck");
		aot(property("upgrade-required.enabled", "false")).postProcessBeanDefinitionRegistry(registry(context));
		Set<String> expected = new TreeSet<>(disabled);
		expected.remove(UpgradeRequiredAotAutoConfiguration.DISABLED);
		assertThat(names(context)).containsExactlyInAnyOrderElementsOf(expected)
			.contains("upgradeRequiredAuditObserver");
	}

	private static Set<String> names(ConfigurableApplicationContext context) {
		return new TreeSet<>(Arrays.asList(context.getBeanDefinitionNames()));
	}

	@Test
	void enabledAtRunTimeInAnApplicationBuiltDisabledFailsTheStartup() {
		this.servlet.withPropertyValues("upgrade-required.enabled=false")
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> aot(new MockEnvironment()).postProcessBeanDefinitionRegistry(registry(context)))
				.withMessageContaining("upgrade-required.enabled is true (or not set) at run time")
				.withMessageContaining("Set upgrade-required.enabled=false at run time too"));
	}

	@Test
	void applicationWithoutTheStartersAutoConfigurationStartsWhateverTheSwitch() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAotAutoConfiguration.class))
			.run((context) -> {
				int beans = context.getBeanDefinitionCount();
				aot(new MockEnvironment()).postProcessBeanDefinitionRegistry(registry(context));
				aot(property("upgrade-required.enabled", "false")).postProcessBeanDefinitionRegistry(registry(context));
				assertThat(context.getBeanDefinitionCount()).isEqualTo(beans);
			});
	}

	@Test
	void webSocketRequirementDisabledAtRunTimeIsRemovedAndEnabledWhereItWasBuiltDisabledFails() {
		this.servlet.run((context) -> {
			aot(property("upgrade-required.websocket.enabled", "false"))
				.postProcessBeanDefinitionRegistry(registry(context));
			assertThat(context.containsBeanDefinition("upgradeRequiredWebSocketEndpointRequirementResolver")).isFalse();
			assertThat(context.containsBeanDefinition("upgradeRequiredPolicy")).isTrue();
		});
		this.reactive.withPropertyValues("upgrade-required.websocket.enabled=false")
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> aot(new MockEnvironment()).postProcessBeanDefinitionRegistry(registry(context)))
				.withMessageContaining("upgrade-required.websocket.enabled is true (or not set) at run time"));
	}

	@Test
	void webSocketSwitchOfAnApplicationWithoutWebSocketSupportIsLeftAlone() {
		this.servlet.withClassLoader(new FilteredClassLoader(WebSocketHttpRequestHandler.class))
			.withPropertyValues("upgrade-required.websocket.enabled=false")
			.run((context) -> {
				int beans = context.getBeanDefinitionCount();
				aot(new MockEnvironment()).postProcessBeanDefinitionRegistry(registry(context));
				assertThat(context.getBeanDefinitionCount()).isEqualTo(beans);
			});
	}

	@Test
	void cleartextPortSetOtherwiseThanAtBuildTimeFailsTheStartup() {
		this.servlet.run((context) -> assertThatIllegalStateException()
			.isThrownBy(() -> aot(property("upgrade-required.cleartext.port", "8080"))
				.postProcessBeanDefinitionRegistry(registry(context)))
			.withMessageContaining("upgrade-required.cleartext.port is set at run time, but was not set"));
	}

	@Test
	void withoutAotNothingIsChecked() {
		this.servlet.withPropertyValues("upgrade-required.enabled=false").run((context) -> {
			int beans = context.getBeanDefinitionCount();
			new AotConditions(new MockEnvironment(), () -> false).postProcessBeanDefinitionRegistry(registry(context));
			assertThat(context.getBeanDefinitionCount()).isEqualTo(beans);
		});
	}

	// A server with TLS, which the cleartext listener goes beside.
	private static ServerProperties tls() {
		ServerProperties server = new ServerProperties();
		Ssl ssl = new Ssl();
		ssl.setBundle("demo");
		server.setSsl(ssl);
		return server;
	}

	private static AotConditions aot(MockEnvironment environment) {
		return new AotConditions(environment, () -> true);
	}

	private static MockEnvironment property(String name, String value) {
		return new MockEnvironment().withProperty(name, value);
	}

	private static BeanDefinitionRegistry registry(ConfigurableApplicationContext context) {
		return (BeanDefinitionRegistry) context.getBeanFactory();
	}

}
