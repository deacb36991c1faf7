package dev.upgraderequired.servlet;

import java.util.List;

import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.MappingMatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServletRequestView}: where the index reads a request's path.
 */
class ServletRequestViewTests {

	// A mock request's servlet has the empty name.
	private final ServletRequestView view = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
			new ServletMappedHandlerRequirements(), () -> new UpgradeRequiredFilter.Target("", null, List.of(), true));

	@Property(tries = 500)
	void indexedPathStartsWhereSpringsParsedPathWithinTheApplicationDoes(@ForAll("contextPaths") String contextPath,
			@ForAll("contextPaths") String otherSpelling, @ForAll("paths") String path, @ForAll("variants") String variant) {
		String spelled = variant.equals("spelled otherwise") ? otherSpelling : contextPath;
		MockHttpServletRequest request = new MockHttpServletRequest("GET", spelled + path);
		request.setContextPath(contextPath);
		if (variant.equals("path mapped")) {
			// A servlet mapped to /api/*, asked for its own path.
			request.setRequestURI(spelled + "/api");
			request.setServletPath("/api");
			request.setHttpServletMapping(new MockHttpServletMapping("", "/api/*", "", MappingMatch.PATH));
		}
		if (variant.equals("included")) {
			request.setAttribute(RequestDispatcher.INCLUDE_REQUEST_URI, spelled + "/included");
		}
		int start = this.view.indexedPathStart(request);
		PathContainer parsed;
		try {
			parsed = ServletRequestPathUtils.parse(request).pathWithinApplication();
		}
		catch (IllegalArgumentException ex) {
			parsed = null;
		}
		Statistics.label("start").collect((start >= 0) ? "known" : "unknown");
		if (start >= 0) {
			assertThat(parsed).isNotNull();
			assertThat(this.view.path(request).substring(start)).isEqualTo(parsed.value());
		}
		if (variant.equals("as deployed") && !contextPath.endsWith("/")
				&& (path.startsWith("/") || contextPath.isEmpty())) {
			assertThat(start).as("the index reads the path of a request to the servlet's own context").isNotNegative();
		}
		Statistics.label("start").coverage((checker) -> checker.check("known").percentage((p) -> p > 20));
	}

	@Provide
	Arbitrary<String> variants() {
		return Arbitraries.frequency(Tuple.of(6, "as deployed"), Tuple.of(2, "spelled otherwise"),
				Tuple.of(1, "path mapped"), Tuple.of(1, "included"));
	}

	@Provide
	Arbitrary<String> contextPaths() {
		return Arbitraries.of("", "/", "/ctx", "/ctx/", "/c%74x", "/ctx;a=1", "/ctx/sub", "/ctxother");
	}

	@Provide
	Arbitrary<String> paths() {
		return Arbitraries.of("", "/", "/a", "/a/b", "/a%2Fb", "/a;x=1/b", "/api", "/api/a", "//a", "a");
	}

}
