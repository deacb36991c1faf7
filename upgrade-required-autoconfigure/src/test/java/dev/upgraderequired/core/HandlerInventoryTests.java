package dev.upgraderequired.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link HandlerInventory} keeps of the patterns a handler mapping parsed.
 */
class HandlerInventoryTests {

	@Test
	void keepsCopiesOfTheMappingsPatternsParsedWithItsParser() {
		PathPattern mappings = PathPatternParser.defaultInstance.parse("/orders/{id}");
		HandlerInventory handlers = new HandlerInventory();
		handlers.addParsed(List.of(mappings), PathPatternParser.defaultInstance, List.of("GET"), new Object(), "get");
		PathPattern kept = handlers.entries().get(0).parsed().get(0);
		assertThat(kept).isNotSameAs(mappings).isEqualTo(mappings);
	}

	@Test
	void keepsTheMappingsOwnPatternWhereItsCopyWouldNotBeEqual() {
		PathPatternParser caseInsensitive = new PathPatternParser();
		caseInsensitive.setCaseSensitive(false);
		PathPattern mappings = caseInsensitive.parse("/Orders/{id}");
		HandlerInventory handlers = new HandlerInventory();
		handlers.addParsed(List.of(mappings), PathPatternParser.defaultInstance, List.of("GET"), new Object(), "get");
		assertThat(handlers.entries().get(0).parsed().get(0)).isSameAs(mappings);
	}

}
