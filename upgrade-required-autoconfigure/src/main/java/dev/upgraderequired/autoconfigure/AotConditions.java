package dev.upgraderequired.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Makes the switches of upgrade-required hold at run time in an application built with AOT processing, where Spring
 * evaluates conditions once, at build time, and creates at run time the beans it found then.
 * <ul>
 * <li>{@code upgrade-required.enabled=false} at run time removes every bean of upgrade-required, and
 * {@code upgrade-required.websocket.enabled=false} the WebSocket requirement, as they would without AOT.</li>
 * <li>A switch on at run time that was off at build time, and a cleartext port set or unset at run time unlike at
 * build time, fail the startup: the beans it needs were not generated, and starting without them would serve
 * protected endpoints unchecked, or not open the port.</li>
 * </ul>
 * The beans of upgrade-required are told by where they are declared (the configuration class whose factory method
 * creates them, or their own class), not by their names alone. Does nothing without AOT.
 *
 * @author upgrade-required
 */
final class AotConditions implements BeanDefinitionRegistryPostProcessor {

	static final String BEAN_NAME = "upgradeRequiredAotConditions";

	private static final Log logger = LogFactory.getLog(AotConditions.class);

	private static final String ENABLED = UpgradeRequiredProperties.PREFIX + ".enabled";

	private static final String WEBSOCKET_ENABLED = UpgradeRequiredProperties.PREFIX + ".websocket.enabled";

	// The packages of the starter's configuration classes.
	private static final String[] PACKAGES = { "dev.upgraderequired.autoconfigure.", "dev.upgraderequired.servlet.",
			"dev.upgraderequired.reactive." };

	// The bean that exists when the starter is on.
	private static final String POLICY = "upgradeRequiredPolicy";

	// The beans of each stack's WebSocket requirement.
	private static final List<String> WEBSOCKET_RESOLVERS = List.of("upgradeRequiredWebSocketEndpointRequirementResolver",
			"upgradeRequiredReactiveWebSocketRequirementResolver");

	private static final String CLEARTEXT_CHECK = "upgradeRequiredCleartextListenerCheck";

	private static final String CLEARTEXT_PORT = UpgradeRequiredProperties.PREFIX + ".cleartext.port";

	private final Environment environment;

	private final BooleanSupplier aot;

	AotConditions(Environment environment) {
		this(environment, AotDetector::useGeneratedArtifacts);
	}

	AotConditions(Environment environment, BooleanSupplier aot) {
		this.environment = environment;
		this.aot = aot;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!this.aot.getAsBoolean()) {
			return;
		}
		boolean builtOn = registry.containsBeanDefinition(POLICY);
		boolean builtOff = registry.containsBeanDefinition(UpgradeRequiredAotAutoConfiguration.DISABLED);
		if (!this.environment.getProperty(ENABLED, Boolean.class, true)) {
			if (builtOn) {
				removeStarterBeans(registry);
				logger.info("upgrade-required is off (" + ENABLED + "=false)");
			}
			return;
		}
		if (builtOff) {
			throw new IllegalStateException(ENABLED + " is true (or not set) at run time, but this application was "
					+ "built with AOT processing while it was false, so none of upgrade-required's beans exist and no "
					+ "request would be checked. Set " + ENABLED + "=false at run time too, or rebuild with it unset.");
		}
		if (!builtOn) {
			// Excluded, or not a web application the starter applies to: there is nothing to switch.
			return;
		}
		checkWebSocket(registry);
		boolean cleartextSet = StringUtils.hasText(this.environment.getProperty(CLEARTEXT_PORT));
		if (cleartextSet != registry.containsBeanDefinition(CLEARTEXT_CHECK)) {
			throw new IllegalStateException(CLEARTEXT_PORT + " is " + (cleartextSet ? "set" : "not set")
					+ " at run time, but was " + (cleartextSet ? "not set" : "set") + " when this application was "
					+ "built with AOT processing, which decides whether the cleartext listener exists. Rebuild with "
					+ "the property " + (cleartextSet ? "set" : "unset") + ".");
		}
	}

	private void checkWebSocket(BeanDefinitionRegistry registry) {
		boolean on = this.environment.getProperty(WEBSOCKET_ENABLED, Boolean.class, true);
		if (on && registry.containsBeanDefinition(UpgradeRequiredAotAutoConfiguration.WEBSOCKET_DISABLED)) {
			throw new IllegalStateException(WEBSOCKET_ENABLED + " is true (or not set) at run time, but this "
					+ "application was built with AOT processing while it was false, so WebSocket endpoints would "
					+ "serve requests that are not a handshake. Set " + WEBSOCKET_ENABLED + "=false at run time too, "
					+ "or rebuild with it unset.");
		}
		if (!on) {
			for (String name : WEBSOCKET_RESOLVERS) {
				if (registry.containsBeanDefinition(name)
						&& isStarterBean(registry, registry.getBeanDefinition(name))) {
					registry.removeBeanDefinition(name);
				}
			}
		}
	}

	private static void removeStarterBeans(BeanDefinitionRegistry registry) {
		// Decided for every bean before any is removed: a bean's factory bean is looked up.
		List<String> starterBeans = new ArrayList<>();
		for (String name : registry.getBeanDefinitionNames()) {
			if (isStarterBean(registry, registry.getBeanDefinition(name))) {
				starterBeans.add(name);
			}
		}
		starterBeans.forEach(registry::removeBeanDefinition);
	}

	/**
	 * Whether a bean is one of upgrade-required's: created by a factory method of one of its configuration classes,
	 * or, without a factory bean, of one of its classes (its configuration classes, the declaring class of their
	 * static factory methods, its properties). A bean of the application stays, whatever type it has (an
	 * application's {@code RefusalObserver} is declared with a factory bean of the application's). This processor
	 * and its configuration are kept.
	 * @param registry the registry the bean is defined in
	 * @param definition the bean definition
	 * @return whether the bean is upgrade-required's
	 */
	static boolean isStarterBean(BeanDefinitionRegistry registry, BeanDefinition definition) {
		String factoryBean = definition.getFactoryBeanName();
		if (factoryBean == null) {
			return isStarterType(definition.getBeanClassName());
		}
		return registry.containsBeanDefinition(factoryBean)
				&& isStarterType(registry.getBeanDefinition(factoryBean).getBeanClassName());
	}

	private static boolean isStarterType(@Nullable String name) {
		if (name == null || name.startsWith(UpgradeRequiredAotAutoConfiguration.class.getName())
				|| name.equals(AotConditions.class.getName())) {
			return false;
		}
		for (String prefix : PACKAGES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
