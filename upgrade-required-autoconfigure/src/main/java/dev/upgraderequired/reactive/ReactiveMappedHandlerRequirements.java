package dev.upgraderequired.reactive;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.MappedRequirements;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.result.condition.PatternsRequestCondition;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.server.ServerWebExchange;

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

	void add(RequestMappingInfo info, ProtocolRequirement requirement) {
		this.mapped.add(info, requirement);
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
