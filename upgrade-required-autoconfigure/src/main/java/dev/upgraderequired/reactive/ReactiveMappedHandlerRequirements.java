package dev.upgraderequired.reactive;

import java.util.List;
import java.util.Set;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.MappedRequirements;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.condition.NameValueExpression;
import org.springframework.web.reactive.result.condition.PatternsRequestCondition;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * How a WebFlux request mapping matches a request, for the core's {@link MappedRequirements}: by path, HTTP method,
 * parameters and headers, regardless of the media types it consumes and produces (and of API versions), as WebFlux
 * would match it, so that a request refused with 406 or 415 for a protected endpoint gets 426; and regardless of the
 * method too, for the requirement of the resource a plain {@code OPTIONS} request asks about.
 *
 * @author upgrade-required
 */
final class ReactiveMappedHandlerRequirements {

	private final MappedRequirements<RequestMappingInfo> mapped = new MappedRequirements<>();

	void add(RequestMappingInfoHandlerMapping mapping, RequestMappingInfo info, ProtocolRequirement requirement) {
		this.mapped.add(copyOf(mapping, info), requirement);
	}

	// A copy of the conditions a requirement is matched by, built from what they say, or the mapping's own info where
	// Spring does not find the copy equal: Spring's lookup walks the mapping's own for each request, and ran slower
	// while the starter held them too (see HandlerInventory.addParsed).
	static RequestMappingInfo copyOf(RequestMappingInfoHandlerMapping mapping, RequestMappingInfo info) {
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(mapping.getPathPatternParser());
		String[] paths = info.getPatternsCondition()
			.getPatterns()
			.stream()
			.map(PathPattern::getPatternString)
			.toArray(String[]::new);
		RequestMappingInfo copy = RequestMappingInfo.paths(paths)
			.methods(info.getMethodsCondition().getMethods().toArray(RequestMethod[]::new))
			.params(expressions(info.getParamsCondition().getExpressions()))
			.headers(expressions(info.getHeadersCondition().getExpressions()))
			.options(options)
			.build();
		// Patterns by PathPattern's equality, which includes how they match (a condition compares them by specificity).
		boolean equal = List.copyOf(info.getPatternsCondition().getPatterns())
			.equals(List.copyOf(copy.getPatternsCondition().getPatterns()))
				&& info.getMethodsCondition().equals(copy.getMethodsCondition())
				&& info.getParamsCondition().equals(copy.getParamsCondition())
				&& info.getHeadersCondition().equals(copy.getHeadersCondition());
		return equal ? copy : info;
	}

	private static String[] expressions(Set<? extends NameValueExpression<?>> expressions) {
		return expressions.stream().map(Object::toString).toArray(String[]::new);
	}

	ProtocolRequirement forExchange(ServerWebExchange exchange) {
		return this.mapped.bestMatch((info) -> matchingPatterns(info, exchange, false),
				(patterns, other) -> patterns.compareTo(other, exchange));
	}

	ProtocolRequirement forAnyMethod(ServerWebExchange exchange) {
		return this.mapped.bestMatch((info) -> matchingPatterns(info, exchange, true),
				(patterns, other) -> patterns.compareTo(other, exchange));
	}

	private static @Nullable PatternsRequestCondition matchingPatterns(RequestMappingInfo info,
			ServerWebExchange exchange, boolean anyMethod) {
		if ((!anyMethod && info.getMethodsCondition().getMatchingCondition(exchange) == null)
				|| info.getParamsCondition().getMatchingCondition(exchange) == null
				|| info.getHeadersCondition().getMatchingCondition(exchange) == null) {
			return null;
		}
		return info.getPatternsCondition().getMatchingCondition(exchange);
	}

}
