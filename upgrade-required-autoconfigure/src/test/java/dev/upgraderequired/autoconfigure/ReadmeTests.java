package dev.upgraderequired.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's properties table true to the configuration metadata generated from the code.
 */
class ReadmeTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(upgrade-required\\.[^`]+)` \\| (`([^`]*)`)? *\\|",
			Pattern.MULTILINE);

	@Test
	void propertiesTableListsEveryPropertyWithItsDefault() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(Files.readString(Path.of("..", "README.md")));
		while (row.find()) {
			documented.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
		}
		assertThat(documented).isEqualTo(fromMetadata());
	}

	private static Map<String, String> fromMetadata() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.equals(UpgradeRequiredProperties.PREFIX + ".rules")) {
				for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(UpgradeRequiredProperties.Rule.class)) {
					if (descriptor.getWriteMethod() != null) {
						properties.put(name + "[n]." + kebab(descriptor.getName()), "");
					}
				}
			}
			else {
				JsonNode defaultValue = property.get("defaultValue");
				properties.put(name, (defaultValue != null) ? defaultValue.asString() : "");
			}
		}
		return properties;
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
	}

}
