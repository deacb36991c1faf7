package dev.upgraderequired.servlet;

import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copies of request mappings that {@link ServletMappedHandlerRequirements} keeps.
 */
class ServletMappedHandlerRequirementsTests {

	private final RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();

	@Test
	void copyHasTheMappingsPathMethodParameterAndHeaderConditions() {
		RequestMappingInfo info = RequestMappingInfo.paths("/orders/{id}", "/o/{id}")
			.methods(RequestMethod.GET, RequestMethod.HEAD)
			.params("version=2", "!legacy", "format!=xml")
			.headers("X-Tenant", "!X-Debug", "X-Region=eu")
			.options(this.mapping.getBuilderConfiguration())
			.build();
		RequestMappingInfo copy = ServletMappedHandlerRequirements.copyOf(this.mapping, info);
		assertThat(copy).isNotSameAs(info).isEqualTo(info);
	}

	@Test
	void mappingParsedByAnotherParserIsKeptItself() {
		PathPatternParser caseInsensitive = new PathPatternParser();
		caseInsensitive.setCaseSensitive(false);
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(caseInsensitive);
		RequestMappingInfo info = RequestMappingInfo.paths("/Orders/{id}").options(options).build();
		assertThat(ServletMappedHandlerRequirements.copyOf(this.mapping, info)).isSameAs(info);
	}

}
