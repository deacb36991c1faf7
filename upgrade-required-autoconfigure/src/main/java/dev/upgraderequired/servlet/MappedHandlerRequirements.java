package dev.upgraderequired.servlet;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.MappedRequirements;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.condition.RequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The requirements of {@code @RequestMapping} handler methods, by mapping, for requests that Spring MVC refuses
 * before any handler is chosen: when only the {@code produces} or {@code consumes} condition of a protected
 * endpoint fails, the client still has to upgrade first, and hears 426 rather than 406 or 415.
 * <p>
 * Filled at startup by {@link #register}, which also resolves, and so validates, every handler method's
 * requirement. Consulted only on that error path: it picks the handler method whose path pattern matches the
 * request best, as Spring MVC would, ignoring the conditions on media types (and on API versions).
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class MappedHandlerRequirements {

	private final EndpointRequirements requirements;

	private final MappedRequirements<Mapped> mapped = new MappedRequirements<>();

	/**
	 * Create an instance.
	 * @param requirements what each handler requires
	 */
	public MappedHandlerRequirements(EndpointRequirements requirements) {
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
			.forEach((info, handlerMethod) -> this.mapped.add(new Mapped(mapping, info),
					this.requirements.forHandler(handlerMethod)));
	}

	/**
	 * Return the requirement of the handler methods whose path pattern matches a request best among those whose
	 * path, HTTP method, parameters and headers match, regardless of the media types they consume and produce; if
	 * several match equally well, all of their requirements.
	 * @param request the request
	 * @return the requirement, {@link ProtocolRequirement#none()} if no handler method with a requirement is the
	 * best match
	 */
	public ProtocolRequirement forRequest(HttpServletRequest request) {
		return this.mapped.bestMatch((candidate) -> candidate.matchingPatterns(request),
				(patterns, other) -> patterns.compareTo(other, request));
	}

	private record Mapped(RequestMappingInfoHandlerMapping mapping, RequestMappingInfo info) {

		@SuppressWarnings("unchecked")
		@Nullable RequestCondition<Object> matchingPatterns(HttpServletRequest request) {
			if (this.info.getMethodsCondition().getMatchingCondition(request) == null
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
