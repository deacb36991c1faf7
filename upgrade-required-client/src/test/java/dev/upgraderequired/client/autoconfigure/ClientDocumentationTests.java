package dev.upgraderequired.client.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the word of {@code docs/clients.md} on the client module's property true to its configuration metadata.
 */
class ClientDocumentationTests {

	@Test
	void clientsPageNamesEveryPropertyOfTheClientModuleWithItsDefault() throws Exception {
		String page = Files.readString(Path.of("..", "docs", "clients.md"));
		JsonNode properties;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			properties = JsonMapper.builder().build().readTree(in).get("properties");
		}
		assertThat(properties).isNotEmpty();
		for (JsonNode property : properties) {
			assertThat(page).contains("`" + property.get("name").asString() + "` (default `"
					+ property.get("defaultValue").asString() + "`)");
		}
	}

}
