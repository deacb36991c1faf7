package dev.upgraderequired.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.upgraderequired.InvalidRequirementException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.Environment;

/**
 * Fails the startup on a property under {@code upgrade-required.} that no module on the class path knows, naming the
 * nearest known one: a misspelled property (a rule's {@code path} for {@code paths}) would otherwise be ignored,
 * and the requirement it was meant to set would be missing. The known names are those of the configuration metadata
 * of every module on the class path, read once at startup, before any bean binds its properties (Spring Boot
 * would report a misspelled property of a rule as left unbound, without the name that was meant).
 *
 * @author upgrade-required
 */
final class UnknownProperties implements BeanFactoryPostProcessor {

	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName
		.of(UpgradeRequiredProperties.PREFIX);

	private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

	private final Environment environment;

	UnknownProperties(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check(this.environment, beanFactory.getBeanClassLoader());
	}

	/**
	 * Check every property under {@code upgrade-required.} that the environment holds.
	 * @param environment the environment
	 * @param classLoader where the metadata of the modules is
	 * @throws InvalidRequirementException for the first property that no module knows
	 */
	static void check(Environment environment, @Nullable ClassLoader classLoader) {
		Set<String> known = null;
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			for (ConfigurationPropertyName name : (Iterable<ConfigurationPropertyName>) iterable.stream()::iterator) {
				if (!PREFIX.isAncestorOf(name)) {
					continue;
				}
				if (known == null) {
					known = knownNames(classLoader);
				}
				String normalized = normalize(name.toString());
				if (!known.contains(normalized) && !isElementOf(known, normalized)) {
					ConfigurationProperty property = source.getConfigurationProperty(name);
					throw new InvalidRequirementException(name.toString(),
							String.valueOf((property != null) ? property.getValue() : null),
							"no module of upgrade-required knows this property; did you mean "
									+ withIndexOf(name.toString(), nearest(known, normalized)) + "?");
				}
			}
		}
	}

	// An element of a list property written one by one, such as upgrade-required.rules[0].paths[1].
	private static boolean isElementOf(Set<String> known, String name) {
		int bracket = name.lastIndexOf('[');
		return bracket > 0 && name.endsWith("]") && known.contains(name.substring(0, bracket));
	}

	private static String normalize(String name) {
		return INDEX.matcher(name).replaceAll("[0]");
	}

	private static Set<String> knownNames(@Nullable ClassLoader classLoader) {
		Set<String> names = new TreeSet<>();
		try {
			ClassLoader loader = (classLoader != null) ? classLoader : UnknownProperties.class.getClassLoader();
			Enumeration<URL> resources = loader.getResources(METADATA);
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					Map<String, Object> metadata = JsonParserFactory.getJsonParser()
						.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					if (metadata.get("properties") instanceof List<?> properties) {
						for (Object property : properties) {
							if (property instanceof Map<?, ?> map && map.get("name") instanceof String name
									&& name.startsWith(UpgradeRequiredProperties.PREFIX + ".")) {
								names.add(normalize(name));
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + METADATA + " to check the upgrade-required properties",
					ex);
		}
		return names;
	}

	private static String nearest(Set<String> known, String name) {
		String nearest = "";
		int best = Integer.MAX_VALUE;
		for (String candidate : known) {
			int distance = distance(candidate, name);
			if (distance < best) {
				best = distance;
				nearest = candidate;
			}
		}
		return nearest;
	}

	// The known name with the index the property was written with, such as rules[2].paths for rules[2].path.
	private static String withIndexOf(String name, String known) {
		int bracket = name.indexOf('[');
		int end = name.indexOf(']', bracket);
		return (bracket >= 0 && end > bracket && known.startsWith(name.substring(0, bracket) + "[0]"))
				? name.substring(0, end + 1) + known.substring(bracket + 3) : known;
	}

	// Levenshtein distance.
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
