package dev.upgraderequired.servlet;

import java.util.List;
import java.util.Set;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.MappedRequirements;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.NameValueExpression;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.condition.RequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * How a Spring MVC request mapping matches a request, for the core's {@link MappedRequirements}: by path, HTTP
 * method, parameters and headers, regardless of the media types it consumes and produces (and of API versions), as
 * Spring MVC would match it, so that a request refused with 406 or 415 for a protected endpoint gets 426; and
 * regardless of the method too, for the requirement of the resource a plain {@code OPTIONS} request asks about.
 *
 * @author upgrade-required
 */
final class ServletMappedHandlerRequirements {

	private final MappedRequirements<Mapped> mapped = new MappedRequirements<>();

	void add(RequestMappingInfoHandlerMapping mapping, RequestMappingInfo info, ProtocolRequirement requirement) {
		this.mapped.add(new Mapped(mapping, copyOf(mapping, info)), requirement);
	}

	// A copy of the conditions a requirement is matched by, built from what they say, or the mapping's own info where
	// Spring does not find the copy equal: Spring's lookup walks the mapping's own for each request, and ran slower
	// while the starter held them too (see HandlerInventory.addParsed).
	static RequestMappingInfo copyOf(RequestMappingInfoHandlerMapping mapping, RequestMappingInfo info) {
		PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
		if (patterns == null) {
			return info;
		}
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(ServletHandlerInventory.parserOf(mapping));
		RequestMappingInfo copy = RequestMappingInfo.paths(patterns.getPatternValues().toArray(String[]::new))
			.methods(info.getMethodsCondition().getMethods().toArray(RequestMethod[]::new))
			.params(expressions(info.getParamsCondition().getExpressions()))
			.headers(expressions(info.getHeadersCondition().getExpressions()))
			.options(options)
			.build();
		// Patterns by PathPattern's equality, which includes how they match (a condition compares them by specificity).
		PathPatternsRequestCondition copied = copy.getPathPatternsCondition();
		boolean equal = copied != null && List.copyOf(patterns.getPatterns()).equals(List.copyOf(copied.getPatterns()))
				&& info.getMethodsCondition().equals(copy.getMethodsCondition())
				&& info.getParamsCondition().equals(copy.getParamsCondition())
				&& info.getHeadersCondition().equals(copy.getHeadersCondition());
		return equal ? copy : info;
	}

	private static String[] expressions(Set<? extends NameValueExpression<?>> expressions) {
		return expressions.stream().map(Object::toString).toArray(String[]::new);
	}

	ProtocolRequirement forRequest(HttpServletRequest request) {
		return this.mapped.bestMatch((candidate) -> candidate.matchingPatterns(request, false),
				(patterns, other) -> patterns.compareTo(other, request));
	}

	ProtocolRequirement forAnyMethod(HttpServletRequest request) {
		return this.mapped.bestMatch((candidate) -> candidate.matchingPatterns(request, true),
				(patterns, other) -> patterns.compareTo(other, request));
	}

	private record Mapped(RequestMappingInfoHandlerMapping mapping, RequestMappingInfo info) {

		@SuppressWarnings("unchecked")
		@Nullable RequestCondition<Object> matchingPatterns(HttpServletRequest request, boolean anyMethod) {
			if ((!anyMethod && this.info.getMethodsCondition().getMatchingCondition(request) == null)
					|| this.info.getParamsCondition().getMatchingCondition(request) == null
					|| this.info.getHeadersCondition().getMatchingCondition(request) == null) {
				return null;
			}
			RequestCondition<Object> patterns = (RequestCondition<Object>) this.info.getActivePatternsCondition();
			// Each mapping caches the request path its own way, and the one that refused may have cleared it.
			if (this.info.getPathPatternsCondition() != null) {
				if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
					ServletRequestPathUtils.parseAndCache(request);
				}
			}
			else if (request.getAttribute(UrlPathHelper.PATH_ATTRIBUTE) == null) {
				this.mapping.getUrlPathHelper().resolveAndCacheLookupPath(request);
			}
			try {
				return (RequestCondition<Object>) patterns.getMatchingCondition(request);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

}
