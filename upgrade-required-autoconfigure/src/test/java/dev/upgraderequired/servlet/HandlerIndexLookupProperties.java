package dev.upgraderequired.servlet;

import java.util.List;

import dev.upgraderequired.GeneratedMappings;
import dev.upgraderequired.GeneratedMappings.Endpoints;
import dev.upgraderequired.GeneratedMappings.Mapped;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index of handlers against Spring MVC's own lookup, on generated request mappings and request paths: what the
 * index allows, the handler the lookup gives allows too; what the index refuses, the lookup gives a handler (or a
 * 405, 406 or 415 of the same mapping) that refuses it the same way. So deciding from the index never lets through
 * what the lookup would give a protected handler, and never refuses a request that no protected handler's mapping
 * claims.
 */
class HandlerIndexLookupProperties {

	@Property(tries = 300)
	void indexNeverDisagreesWithTheLookup(@ForAll("mappings") List<Mapped> mappings,
			@ForAll("requests") List<Request> requests) throws Exception {
		RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
		mapping.setApplicationContext(new StaticWebApplicationContext());
		mapping.afterPropertiesSet();
		Endpoints endpoints = new Endpoints();
		for (Mapped mapped : mappings) {
			RequestMappingInfo info = RequestMappingInfo.paths(mapped.pattern())
				.methods(mapped.methods())
				.options(mapping.getBuilderConfiguration())
				.build();
			if (!mapping.getHandlerMethods().containsKey(info)) {
				mapping.registerMapping(info, endpoints, mapped.method());
			}
		}
		UpgradePolicy policy = UpgradePolicy.builder().build();
		HandlerInventory handlers = new HandlerInventory();
		handlers.mapping(true);
		mapping.getHandlerMethods()
			.forEach((info, method) -> handlers.addParsed(info.getPathPatternsCondition().getPatterns(),
					mapping.getPatternParser(), info.getMethodsCondition().getMethods().stream().map(Enum::name).toList(), method,
					method.toString()));
		policy.index().index(handlers);
		// A mock request's servlet has the empty name.
		UpgradeRequiredFilter.Target target = new UpgradeRequiredFilter.Target("", null, List.of(mapping), true);
		ServletRequestView view = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
				new ServletMappedHandlerRequirements(), () -> target);
		for (Request generated : requests) {
			MockHttpServletRequest request = generated.toServletRequest();
			Decision indexed = policy.decider().decide(request, view);
			ServletRequestPathUtils.parseAndCache(request);
			HandlerExecutionChain chain = null;
			Exception failure = null;
			try {
				chain = mapping.getHandler(request);
			}
			catch (IllegalStateException ex) {
				// Two mappings as specific as each other ("Ambiguous handler methods"): a configuration error, which
				// fails every request to them in Spring, so no handler serves the request whatever the index says.
				continue;
			}
			catch (Exception ex) {
				failure = ex;
			}
			Decision byLookup = (chain != null) ? policy.decider().decide(request, view, chain.getHandler()) : null;
			GeneratedMappings.assertAgrees(indexed, byLookup, failure, generated + " with " + mappings);
		}
		GeneratedMappings.checkCoverage();
	}

	@Provide
	Arbitrary<List<Mapped>> mappings() {
		return GeneratedMappings.mappings();
	}

	@Provide
	Arbitrary<List<Request>> requests() {
		Arbitrary<String> path = GeneratedMappings.paths();
		Arbitrary<String> method = GeneratedMappings.methods();
		return Combinators.combine(path, method, Arbitraries.of(false, true), Arbitraries.of(false, true))
			.as(Request::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(10);
	}

	record Request(String path, String method, boolean secure, boolean http2) {

		MockHttpServletRequest toServletRequest() {
			MockHttpServletRequest request = new MockHttpServletRequest(this.method, this.path);
			if (this.secure) {
				request.setSecure(true);
				request.setAttribute("jakarta.servlet.request.secure_protocol", "TLSv1.3");
			}
			if (this.http2) {
				request.setProtocol("HTTP/2.0");
			}
			return request;
		}

	}

}
