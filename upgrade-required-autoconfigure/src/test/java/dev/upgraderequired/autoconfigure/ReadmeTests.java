package dev.upgraderequired.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.TlsVersion;
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
		.compile("^\\| `((?:upgrade-required|management\\.endpoint\\.upgraderequired)\\.[^`]+)` \\| "
				+ "(`([^`]*)`)? *\\| (.*) \\|$", Pattern.MULTILINE);

	// How the additional metadata names the fields of every rule, and how the README does.
	private static final String RULE_FIELDS = UpgradeRequiredProperties.PREFIX + ".rules[0].";

	private static final String README_RULE_FIELDS = UpgradeRequiredProperties.PREFIX + ".rules[n].";

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
			String name = readmeName(property.get("name").asString());
			// The list itself is documented by its fields.
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
		Map<String, String> properties = new LinkedHashMap<>();
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").asString();
			if (!name.equals(UpgradeRequiredProperties.PREFIX + ".rules")) {
				JsonNode defaultValue = property.get("defaultValue");
				properties.put(readmeName(name), (defaultValue != null) ? defaultValue.asString() : "");
			}
		}
		return properties;
	}

	@Test
	void additionalMetadataDescribesEveryFieldOfARule() throws Exception {
		List<String> fields = new ArrayList<>();
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith(RULE_FIELDS)) {
				fields.add(name.substring(RULE_FIELDS.length()));
			}
		}
		List<String> expected = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(UpgradeRequiredProperties.Rule.class)) {
			if (descriptor.getWriteMethod() != null) {
				expected.add(kebab(descriptor.getName()));
			}
		}
		assertThat(fields).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void valueHintsOfARuleAreTheValuesThatBind() throws Exception {
		Map<String, List<String>> hints = new LinkedHashMap<>();
		for (JsonNode hint : metadata().get("hints")) {
			List<String> values = new ArrayList<>();
			hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
			hints.put(hint.get("name").asString(), values);
		}
		assertThat(hints.get(RULE_FIELDS + "protocol")).containsExactlyElementsOf(
				Arrays.stream(Protocol.values()).map((protocol) -> protocol.name().toLowerCase().replace('_', '-'))
					.toList());
		TlsVersionConverter converter = new TlsVersionConverter();
		assertThat(hints.get(RULE_FIELDS + "min-tls-version").stream().map(converter::convert).toList())
			.containsExactlyInAnyOrder(TlsVersion.values());
	}

	private static String readmeName(String name) {
		return name.startsWith(RULE_FIELDS) ? README_RULE_FIELDS + name.substring(RULE_FIELDS.length()) : name;
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
	}

}
