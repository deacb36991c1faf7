package dev.upgraderequired.reactive;

import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copies of request mappings that {@link ReactiveMappedHandlerRequirements} keeps.
 */
class ReactiveMappedHandlerRequirementsTests {

	private final RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();

	@Test
	void copyHasTheMappingsPathMethodParameterAndHeaderConditions() {
		RequestMappingInfo info = RequestMappingInfo.paths("/orders/{id}", "/o/{id}")
			.methods(RequestMethod.GET, RequestMethod.HEAD)
			.params("version=2", "!legacy", "format!=xml")
			.headers("X-Tenant", "!X-Debug", "X-Region=eu")
			.options(options(this.mapping.getPathPatternParser()))
			.build();
		RequestMappingInfo copy = ReactiveMappedHandlerRequirements.copyOf(this.mapping, info);
		assertThat(copy).isNotSameAs(info).isEqualTo(info);
	}

	@Test
	void mappingParsedByAnotherParserIsKeptItself() {
		PathPatternParser caseInsensitive = new PathPatternParser();
		caseInsensitive.setCaseSensitive(false);
		RequestMappingInfo info = RequestMappingInfo.paths("/Orders/{id}").options(options(caseInsensitive)).build();
		assertThat(ReactiveMappedHandlerRequirements.copyOf(this.mapping, info)).isSameAs(info);
	}

	private static RequestMappingInfo.BuilderConfiguration options(PathPatternParser parser) {
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(parser);
		return options;
	}

}
