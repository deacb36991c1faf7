package dev.upgraderequired.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AotConditions}, on the bean definitions that AOT processing generates.
 */
class AotConditionsTests {

	private static final List<String> STARTER_BEANS = List.of("upgradeRequiredPolicy",
			"upgradeRequiredFilterRegistration", "upgradeRequiredWebSocketEndpointRequirementResolver",
			"upgrade-required-dev.upgraderequired.autoconfigure.UpgradeRequiredProperties",
			"dev.upgraderequired.autoconfigure.UpgradeRequiredAutoConfiguration",
			"dev.upgraderequired.servlet.UpgradeRequiredServletConfiguration$FilterConfiguration");

	private static final List<String> APPLICATION_BEANS = List.of("apiController",
			"dev.upgraderequired.sample.ImportedConfiguration", "dispatcherServlet");

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void disabledAtRunTimeRemovesEveryBeanOfTheStarterButNoneOfTheApplication() {
		this.environment.setProperty("upgrade-required.enabled", "false");
		DefaultListableBeanFactory beans = beans(STARTER_BEANS, APPLICATION_BEANS);
		aot().postProcessBeanDefinitionRegistry(beans);
		assertThat(beans.getBeanDefinitionNames()).containsExactlyInAnyOrder(
				"apiController", "dev.upgraderequired.sample.ImportedConfiguration", "dispatcherServlet",
				AotConditions.BEAN_NAME, UpgradeRequiredAotAutoConfiguration.class.getName());
	}

	@Test
	void enabledAtRunTimeInAnApplicationBuiltDisabledFailsTheStartup() {
		DefaultListableBeanFactory beans = beans(List.of(), APPLICATION_BEANS);
		assertThatIllegalStateException().isThrownBy(() -> aot().postProcessBeanDefinitionRegistry(beans))
			.withMessageContaining("upgrade-required.enabled is true (or not set) at run time")
			.withMessageContaining("Set upgrade-required.enabled=false at run time too");
	}

	@Test
	void disabledAtRunTimeInAnApplicationBuiltDisabledStarts() {
		this.environment.setProperty("upgrade-required.enabled", "false");
		DefaultListableBeanFactory beans = beans(List.of(), APPLICATION_BEANS);
		aot().postProcessBeanDefinitionRegistry(beans);
		assertThat(beans.getBeanDefinitionCount()).isEqualTo(APPLICATION_BEANS.size() + 2);
	}

	@Test
	void webSocketRequirementDisabledAtRunTimeIsRemoved() {
		this.environment.setProperty("upgrade-required.websocket.enabled", "false");
		DefaultListableBeanFactory beans = beans(STARTER_BEANS, APPLICATION_BEANS);
		aot().postProcessBeanDefinitionRegistry(beans);
		assertThat(beans.containsBeanDefinition("upgradeRequiredWebSocketEndpointRequirementResolver")).isFalse();
		assertThat(beans.containsBeanDefinition("upgradeRequiredPolicy")).isTrue();
	}

	@Test
	void cleartextPortSetOtherwiseThanAtBuildTimeFailsTheStartup() {
		this.environment.setProperty("upgrade-required.cleartext.port", "8080");
		DefaultListableBeanFactory beans = beans(STARTER_BEANS, APPLICATION_BEANS);
		assertThatIllegalStateException().isThrownBy(() -> aot().postProcessBeanDefinitionRegistry(beans))
			.withMessageContaining("upgrade-required.cleartext.port is set at run time, but was not set");
		this.environment.setProperty("upgrade-required.cleartext.port", "");
		DefaultListableBeanFactory withListener = beans(STARTER_BEANS, List.of("upgradeRequiredCleartextListenerCheck"));
		assertThatIllegalStateException().isThrownBy(() -> aot().postProcessBeanDefinitionRegistry(withListener))
			.withMessageContaining("upgrade-required.cleartext.port is not set at run time, but was set");
	}

	@Test
	void withoutAotNothingIsChecked() {
		DefaultListableBeanFactory beans = beans(List.of(), APPLICATION_BEANS);
		new AotConditions(this.environment, () -> false).postProcessBeanDefinitionRegistry(beans);
		assertThat(beans.getBeanDefinitionCount()).isEqualTo(APPLICATION_BEANS.size() + 2);
	}

	private AotConditions aot() {
		return new AotConditions(this.environment, () -> true);
	}

	private static DefaultListableBeanFactory beans(List<String> starter, List<String> application) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		for (String name : starter) {
			beans.registerBeanDefinition(name, new RootBeanDefinition(Object.class));
		}
		for (String name : application) {
			beans.registerBeanDefinition(name, new RootBeanDefinition(Object.class));
		}
		beans.registerBeanDefinition(AotConditions.BEAN_NAME, new RootBeanDefinition(AotConditions.class));
		beans.registerBeanDefinition(UpgradeRequiredAotAutoConfiguration.class.getName(),
				new RootBeanDefinition(UpgradeRequiredAotAutoConfiguration.class));
		return beans;
	}

}
