package dev.upgraderequired.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.TlsVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the documentation true: the properties table of {@code docs/properties.md} to the configuration metadata
 * generated from the code, every relative link of the Markdown files to an existing file and heading, and the README
 * short, with its two set-up commands near the top. (The example answers are checked against the running sample app
 * by {@code .ci/doc-examples.sh}.)
 */
class DocumentationTests {

	private static final Path ROOT = Path.of("..");

	private static final String RUN_SAMPLE = "./mvnw -pl sample-app -am spring-boot:run";

	private static final String RUN_SAMPLE_ON_OTHER_PORTS = RUN_SAMPLE
			+ " -Dspring-boot.run.arguments=\"--server.port=9443 --sample.http-port=9080\"";

	private static final String RUN_TESTS = "./mvnw verify";

	private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern ROW = Pattern
		.compile("^\\| `((?:upgrade-required|management\\.endpoint\\.upgraderequired)\\.[^`]+)` \\| "
				+ "(`([^`]*)`)? *\\| (.*) \\|$", Pattern.MULTILINE);

	// How the additional metadata names the fields of every rule, and how the properties table does.
	private static final String RULE_FIELDS = UpgradeRequiredProperties.PREFIX + ".rules[0].";

	private static final String TABLE_RULE_FIELDS = UpgradeRequiredProperties.PREFIX + ".rules[n].";

	@Test
	void propertiesTableListsEveryPropertyWithItsDefault() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(propertiesPage());
		while (row.find()) {
			documented.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
		}
		assertThat(documented).isEqualTo(fromMetadata());
	}

	@Test
	void propertiesTableDescribesEveryPropertyAsItsJavadocDoes() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(propertiesPage());
		while (row.find()) {
			documented.put(row.group(1), plain(row.group(4)));
		}
		int compared = 0;
		int described = 0;
		for (JsonNode property : metadata().get("properties")) {
			String name = tableName(property.get("name").asString());
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

	private static String propertiesPage() throws IOException {
		return Files.readString(ROOT.resolve("docs/properties.md"));
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
				properties.put(tableName(name), (defaultValue != null) ? defaultValue.asString() : "");
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

	private static String tableName(String name) {
		return name.startsWith(RULE_FIELDS) ? TABLE_RULE_FIELDS + name.substring(RULE_FIELDS.length()) : name;
	}

	@Test
	void readmeIsShortWithItsTwoSetUpCommandsNearTheTop() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
		assertThat(lines).hasSizeLessThanOrEqualTo(250);
		List<String> top = lines.subList(0, Math.min(150, lines.size())).stream().map(String::strip).toList();
		assertThat(top).contains(RUN_SAMPLE, RUN_SAMPLE_ON_OTHER_PORTS, RUN_TESTS);
		// No other command of the build: the sample's, with arguments or not, and the tests'.
		assertThat(lines.stream().map(String::strip).filter((line) -> line.startsWith("./mvnw")))
			.allSatisfy((command) -> assertThat(command.equals(RUN_TESTS) || command.equals(RUN_SAMPLE)
					|| command.startsWith(RUN_SAMPLE + " -Dspring-boot.run.arguments="))
				.as(command)
				.isTrue());
	}

	@Test
	void readmeLinksEveryReferencePage() throws IOException {
		Set<String> linked = new HashSet<>();
		for (String target : links(ROOT.resolve("README.md"))) {
			linked.add(target.replaceFirst("#.*", ""));
		}
		try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
			assertThat(pages.map((page) -> "docs/" + page.getFileName()).filter((page) -> page.endsWith(".md")))
				.isNotEmpty()
				.allSatisfy((page) -> assertThat(linked).contains(page));
		}
	}

	@Test
	void everyRelativeLinkResolvesToAFileAndItsHeading() throws IOException {
		List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md"),
				ROOT.resolve("BENCHMARKS.md"), ROOT.resolve("RELIABILITY.md")));
		try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
			pages.filter((page) -> page.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path file : files) {
			for (String target : links(file)) {
				if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
					continue;
				}
				checked++;
				int hash = target.indexOf('#');
				String path = (hash < 0) ? target : target.substring(0, hash);
				Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
				String where = ROOT.relativize(file) + ": " + target;
				if (!Files.exists(linked)) {
					broken.add(where + " (no such file)");
				}
				else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
					broken.add(where + " (no such heading in " + ROOT.relativize(linked) + ")");
				}
			}
		}
		assertThat(checked).isGreaterThan(50);
		assertThat(broken).isEmpty();
	}

	@Test
	void anchorsAreGitHubSlugsOfTheHeadings() {
		assertThat(slug("What counts as TLS, a TLS version, HTTP/2 and a WebSocket handshake"))
			.isEqualTo("what-counts-as-tls-a-tls-version-http2-and-a-websocket-handshake");
		assertThat(slug("The `upgraderequired` actuator endpoint")).isEqualTo("the-upgraderequired-actuator-endpoint");
		assertThat(slug("Security fix in 0.2.0")).isEqualTo("security-fix-in-020");
		assertThat(slug("Load (wrk and h2load)")).isEqualTo("load-wrk-and-h2load");
		assertThat(slug("snake_case and dash-case")).isEqualTo("snake_case-and-dash-case");
	}

	// The link targets of a Markdown file, outside code blocks and code spans.
	private static List<String> links(Path file) throws IOException {
		StringBuilder text = new StringBuilder();
		boolean inCode = false;
		for (String line : Files.readAllLines(file)) {
			if (FENCE.matcher(line).find()) {
				inCode = !inCode;
			}
			else if (!inCode) {
				text.append(line).append('\n');
			}
		}
		List<String> targets = new ArrayList<>();
		Matcher link = LINK.matcher(CODE_SPAN.matcher(text).replaceAll(""));
		while (link.find()) {
			targets.add(link.group(1));
		}
		return targets;
	}

	// The anchors GitHub gives the headings of a Markdown file (none for other files).
	private static Set<String> anchors(Path file) throws IOException {
		Set<String> anchors = new HashSet<>();
		if (!file.toString().endsWith(".md") || Files.isDirectory(file)) {
			return anchors;
		}
		Map<String, Integer> seen = new HashMap<>();
		boolean inCode = false;
		for (String line : Files.readAllLines(file)) {
			if (FENCE.matcher(line).find()) {
				inCode = !inCode;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (!inCode && heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

	// GitHub's slug of a heading: its text (links and code spans as their text), lower case, without punctuation
	// but '-' and '_', spaces to '-'.
	private static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}_\\- ]", "").replace(' ', '-');
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
	}

}
