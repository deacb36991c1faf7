package dev.upgraderequired.servlet;

import java.util.List;

import dev.upgraderequired.benchmarks.index.IndexDecisionBenchmarks;
import dev.upgraderequired.core.RequestView;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * {@link IndexDecisionBenchmarks} with Spring MVC's view of a request: for a path under a protected pattern, the
 * path is parsed as the handler mappings read it.
 *
 * @author upgrade-required
 */
public class ServletIndexBenchmarks extends IndexDecisionBenchmarks<HttpServletRequest> {

	@Override
	protected RequestView<HttpServletRequest> view() {
		// A mock request's servlet has the empty name; the index reads its path as the servlet's mappings do.
		UpgradeRequiredFilter.Target target = new UpgradeRequiredFilter.Target("", null, List.of(), true);
		return new ServletRequestView(ServletContainerRequestFacts.tomcat(), new ServletMappedHandlerRequirements(),
				() -> target);
	}

	@Override
	protected HttpServletRequest cleartextRequest(String method, String path) {
		return new MockHttpServletRequest(method, path);
	}

}
