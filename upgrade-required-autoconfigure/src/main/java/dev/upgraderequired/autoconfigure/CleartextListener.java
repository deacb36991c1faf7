package dev.upgraderequired.autoconfigure;

import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Where a cleartext listener of {@code upgrade-required.cleartext.port} tells the port it is bound to, as Boot tells
 * the application's own port in {@code local.server.port}.
 *
 * @author upgrade-required
 */
final class CleartextListener {

	/**
	 * The property that holds the bound port of the cleartext listener once it is running.
	 */
	static final String LOCAL_PORT_PROPERTY = "local." + UpgradeRequiredProperties.PREFIX + ".cleartext.port";

	private static final String PROPERTY_SOURCE_NAME = UpgradeRequiredProperties.PREFIX + ".cleartext";

	private CleartextListener() {
	}

	/**
	 * Publish the port a cleartext listener is bound to in the environment of its application context.
	 * @param context the application context
	 * @param port the bound port
	 */
	static void publishPort(ApplicationContext context, int port) {
		if (context instanceof ConfigurableApplicationContext configurable) {
			ConfigurableEnvironment environment = configurable.getEnvironment();
			MutablePropertySources sources = environment.getPropertySources();
			sources.remove(PROPERTY_SOURCE_NAME);
			sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(LOCAL_PORT_PROPERTY, port)));
		}
	}

}
