package dev.upgraderequired.core;

import java.util.Comparator;

import dev.upgraderequired.ProtocolRequirement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MappedRequirements}, with mappings that are path prefixes matched by their length.
 */
class MappedRequirementsTests {

	private final MappedRequirements<String> mapped = new MappedRequirements<>();

	@Test
	void mostSpecificMatchDecides() {
		this.mapped.add("/api", ProtocolRequirement.tls());
		this.mapped.add("/api/stream", ProtocolRequirement.http2());
		assertThat(bestMatch("/api/stream/1")).isEqualTo(ProtocolRequirement.http2());
		assertThat(bestMatch("/api/other")).isEqualTo(ProtocolRequirement.tls());
		assertThat(bestMatch("/elsewhere")).isEqualTo(ProtocolRequirement.none());
	}

	@Test
	void equallySpecificMatchesCombine() {
		this.mapped.add("/api", ProtocolRequirement.tls());
		this.mapped.add("/api", ProtocolRequirement.http2());
		assertThat(bestMatch("/api/x")).isEqualTo(ProtocolRequirement.tls().and(ProtocolRequirement.http2()));
	}

	@Test
	void mappingsWithoutRequirementAreNotEvenMatched() {
		this.mapped.add("/api", ProtocolRequirement.none());
		assertThat(this.mapped.bestMatch((mapping) -> {
			throw new AssertionError("matched " + mapping);
		}, Comparator.<Integer>naturalOrder())).isEqualTo(ProtocolRequirement.none());
	}

	private ProtocolRequirement bestMatch(String path) {
		return this.mapped.bestMatch((prefix) -> path.startsWith(prefix) ? -prefix.length() : null,
				Comparator.<Integer>naturalOrder());
	}

}
