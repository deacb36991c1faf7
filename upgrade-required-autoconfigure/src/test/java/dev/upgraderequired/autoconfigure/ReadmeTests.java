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

	private static final Pattern ROW = Pattern
		.compile("^\\| `(upgrade-required\\.[^`]+)` \\| (`([^`]*)`)? *\\| (.*) \\|$", Pattern.MULTILINE);

	@Test
	void propertiesTableListsEveryPropertyWithItsDefault() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(readme());
		while (row.find()) {
			documented.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
		}
		assertThat(documented).isEqualTo(fromMetadata());
	}

	@Test
	void propertiesTableDescribesEveryPropertyAsItsJavadocDoes() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(readme());
		while (row.find()) {
			documented.put(row.group(1), plain(row.group(4)));
		}
		int compared = 0;
		int described = 0;
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").asString();
			// The rules' fields are list elements, which the metadata cannot describe.
			if (!name.equals(UpgradeRequiredProperties.PREFIX + ".rules")) {
				described++;
			}
			if (documented.containsKey(name)) {
				assertThat(documented.get(name)).as(name).isEqualTo(plain(property.get("description").asString()));
				compared++;
			}
		}
		assertThat(compared).isEqualTo(described);
	}

	private static String readme() throws Exception {
		return Files.readString(Path.of("..", "README.md"));
	}

	// Markdown code spans and the javadoc's quotes are presentation, not content.
	private static String plain(String text) {
		return text.replace("`", "").replace("'", "").trim();
	}

	private static JsonNode metadata() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static Map<String, String> fromMetadata() throws Exception {
		JsonNode metadata = metadata();
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
