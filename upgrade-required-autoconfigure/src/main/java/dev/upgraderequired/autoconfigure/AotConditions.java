package dev.upgraderequired.autoconfigure;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
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
 * <li>A switch turned on at run time that was off at build time, and a cleartext port set or unset at run time
 * unlike at build time, fail the startup: the beans it needs were not generated, and starting without them would
 * serve protected endpoints unchecked, or not open the port.</li>
 * </ul>
 * Does nothing without AOT.
 *
 * @author upgrade-required
 */
final class AotConditions implements BeanDefinitionRegistryPostProcessor {

	static final String BEAN_NAME = "upgradeRequiredAotConditions";

	private static final Log logger = LogFactory.getLog(AotConditions.class);

	private static final String ENABLED = UpgradeRequiredProperties.PREFIX + ".enabled";

	private static final String WEBSOCKET_ENABLED = UpgradeRequiredProperties.PREFIX + ".websocket.enabled";

	// Beans that only exist when the starter is on, on each stack.
	private static final String POLICY = "upgradeRequiredPolicy";

	private static final String[] WEBSOCKET_RESOLVERS = { "upgradeRequiredWebSocketEndpointRequirementResolver",
			"upgradeRequiredReactiveWebSocketRequirementResolver" };

	private static final String CLEARTEXT_CHECK = "upgradeRequiredCleartextListenerCheck";

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
		boolean built = registry.containsBeanDefinition(POLICY);
		boolean enabled = this.environment.getProperty(ENABLED, Boolean.class, true);
		if (!enabled) {
			if (built) {
				remove(registry, AotConditions::isUpgradeRequiredBean);
				logger.info("upgrade-required is off (" + ENABLED + "=false)");
			}
			return;
		}
		if (!built) {
			throw new IllegalStateException(ENABLED + " is true (or not set) at run time, but this application was built with AOT "
					+ "processing while it was false, so none of upgrade-required's beans exist and no request would "
					+ "be checked. Set " + ENABLED + "=false at run time too, or rebuild with it unset.");
		}
		boolean webSocketBuilt = false;
		for (String name : WEBSOCKET_RESOLVERS) {
			webSocketBuilt |= registry.containsBeanDefinition(name);
		}
		if (!this.environment.getProperty(WEBSOCKET_ENABLED, Boolean.class, true) && webSocketBuilt) {
			remove(registry, (name) -> name.equals(WEBSOCKET_RESOLVERS[0]) || name.equals(WEBSOCKET_RESOLVERS[1]));
		}
		boolean cleartextSet = StringUtils.hasText(this.environment.getProperty(CleartextPort.PROPERTY));
		if (cleartextSet != registry.containsBeanDefinition(CLEARTEXT_CHECK)) {
			throw new IllegalStateException(CleartextPort.PROPERTY + " is " + (cleartextSet ? "set" : "not set")
					+ " at run time, but was " + (cleartextSet ? "not set" : "set") + " when this application was "
					+ "built with AOT processing, which decides whether the cleartext listener exists. Rebuild with "
					+ "the property " + (cleartextSet ? "set" : "unset") + ".");
		}
	}

	/**
	 * Whether a bean is one of upgrade-required's: named after it, its properties, or one of its configuration
	 * classes (which are named by class). This processor itself, and its configuration, are kept.
	 * @param name the bean name
	 * @return whether the bean is upgrade-required's
	 */
	static boolean isUpgradeRequiredBean(String name) {
		return !name.equals(BEAN_NAME) && !name.equals(UpgradeRequiredAotAutoConfiguration.class.getName()) && (name.startsWith("upgradeRequired")
				|| name.startsWith(UpgradeRequiredProperties.PREFIX + "-")
				|| name.startsWith("dev.upgraderequired.autoconfigure.") || name.startsWith("dev.upgraderequired.servlet.")
				|| name.startsWith("dev.upgraderequired.reactive."));
	}

	private static void remove(BeanDefinitionRegistry registry, Predicate<String> which) {
		for (String name : registry.getBeanDefinitionNames()) {
			if (which.test(name)) {
				registry.removeBeanDefinition(name);
			}
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
