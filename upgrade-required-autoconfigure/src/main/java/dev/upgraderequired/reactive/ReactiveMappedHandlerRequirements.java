package dev.upgraderequired.reactive;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.MappedRequirements;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.result.condition.PatternsRequestCondition;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The requirements of WebFlux {@code @RequestMapping} handler methods, by mapping, for requests that WebFlux
 * refuses before any handler is chosen: when only the {@code produces} or {@code consumes} condition of a protected
 * endpoint fails, the client still has to upgrade first, and hears 426 rather than 406 or 415.
 * <p>
 * Filled at startup by {@link #register}, which also resolves, and so validates, every handler method's
 * requirement. Consulted only on that error path: it picks the handler method whose path pattern matches the
 * request best, as WebFlux would, ignoring the conditions on media types (and on API versions).
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ReactiveMappedHandlerRequirements {

	private final EndpointRequirements requirements;

	private final MappedRequirements<RequestMappingInfo> mapped = new MappedRequirements<>();

	/**
	 * Create an instance.
	 * @param requirements what each handler requires
	 */
	public ReactiveMappedHandlerRequirements(EndpointRequirements requirements) {
		this.requirements = requirements;
	}

	/**
	 * Resolve the requirement of every handler method of a mapping and remember them.
	 * @param mapping the handler mapping
	 * @throws dev.upgraderequired.core.InvalidRequirementException if a handler method declares an invalid
	 * requirement
	 */
	public void register(RequestMappingInfoHandlerMapping mapping) {
		mapping.getHandlerMethods()
			.forEach((info, handlerMethod) -> this.mapped.add(info, this.requirements.forHandler(handlerMethod)));
	}

	/**
	 * Return the requirement of the handler methods whose path pattern matches a request best among those whose
	 * path, HTTP method, parameters and headers match, regardless of the media types they consume and produce; if
	 * several match equally well, all of their requirements.
	 * @param exchange the exchange
	 * @return the requirement, {@link ProtocolRequirement#none()} if no handler method with a requirement is the
	 * best match
	 */
	public ProtocolRequirement forExchange(ServerWebExchange exchange) {
		return this.mapped.bestMatch((info) -> matchingPatterns(info, exchange),
				(patterns, other) -> patterns.compareTo(other, exchange));
	}

	private static @Nullable PatternsRequestCondition matchingPatterns(RequestMappingInfo info,
			ServerWebExchange exchange) {
		if (info.getMethodsCondition().getMatchingCondition(exchange) == null
				|| info.getParamsCondition().getMatchingCondition(exchange) == null
				|| info.getHeadersCondition().getMatchingCondition(exchange) == null) {
			return null;
		}
		return info.getPatternsCondition().getMatchingCondition(exchange);
	}

}
