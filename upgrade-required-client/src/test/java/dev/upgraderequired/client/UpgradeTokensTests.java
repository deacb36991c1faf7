package dev.upgraderequired.client;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeTokens}: RFC 9110 list syntax, and hostile values.
 */
class UpgradeTokensTests {

	@Test
	void membersAreSplitOnCommasWithOptionalWhitespaceInTheServersOrder() {
		assertThat(UpgradeTokens.parse(List.of("TLS/1.3, TLS/1.2,\tHTTP/1.1"))).containsExactly("TLS/1.3", "TLS/1.2",
				"HTTP/1.1");
		assertThat(UpgradeTokens.parse(List.of("websocket"))).containsExactly("websocket");
	}

	@Test
	void everyHeaderLineCounts() {
		assertThat(UpgradeTokens.parse(List.of("TLS/1.3", "h2c"))).containsExactly("TLS/1.3", "h2c");
	}

	@Test
	void emptyAndMalformedMembersAreSkipped() {
		assertThat(UpgradeTokens.parse(List.of(""))).isEmpty();
		assertThat(UpgradeTokens.parse(List.of(" , ,, "))).isEmpty();
		assertThat(UpgradeTokens.parse(List.of("TLS 1.3, /1.2, HTTP/, a/b/c, \"h2c\", x;y, h2c")))
			.containsExactly("h2c");
		assertThat(UpgradeTokens.parse(List.of("\u0001, \u00e9t\u00e9, websocket"))).containsExactly("websocket");
		assertThat(UpgradeTokens.parse(null)).isEmpty();
		assertThat(UpgradeTokens.parse(Arrays.asList(null, "h2c"))).containsExactly("h2c");
	}

	@Test
	void hugeValuesAreBounded() {
		String many = String.join(",", java.util.Collections.nCopies(100_000, "h2c"));
		assertThat(UpgradeTokens.parse(List.of(many))).hasSize(UpgradeTokens.MAX_TOKENS);
		String longToken = "x".repeat(100_000);
		assertThat(UpgradeTokens.parse(List.of(longToken + ", TLS/1.3"))).containsExactly("TLS/1.3");
	}

}
