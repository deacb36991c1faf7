package dev.upgraderequired.servlet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The requirements of {@code @RequestMapping} handler methods, by mapping, for requests that Spring MVC refuses
 * before any handler is chosen: when only the {@code produces} or {@code consumes} condition of a protected
 * endpoint fails, the client still has to upgrade first, and hears 426 rather than 406 or 415.
 * <p>
 * Filled at startup by {@link #register}, which also resolves, and so validates, every handler method's
 * requirement. Only mappings with a requirement are kept, so consulting it costs nothing for applications whose
 * refused requests do not concern protected endpoints.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class MappedHandlerRequirements {

	private final EndpointRequirements requirements;

	private final List<Mapped> mapped = new CopyOnWriteArrayList<>();

	/**
	 * Create an instance.
	 * @param requirements what each handler requires
	 */
	public MappedHandlerRequirements(EndpointRequirements requirements) {
		this.requirements = requirements;
	}

	/**
	 * Resolve the requirement of every handler method of a mapping and remember those that have one.
	 * @param mapping the handler mapping
	 * @throws dev.upgraderequired.core.InvalidRequirementException if a handler method declares an invalid
	 * requirement
	 */
	public void register(RequestMappingInfoHandlerMapping mapping) {
		mapping.getHandlerMethods().forEach((info, handlerMethod) -> {
			ProtocolRequirement requirement = this.requirements.forHandler(handlerMethod);
			if (!requirement.isNone()) {
				this.mapped.add(new Mapped(info, requirement));
			}
		});
	}

	/**
	 * Return the combined requirement of the handler methods whose path and HTTP method match a request,
	 * regardless of their other conditions.
	 * @param request the request
	 * @return the requirement, {@link ProtocolRequirement#none()} if no protected handler matches
	 */
	public ProtocolRequirement forRequest(HttpServletRequest request) {
		ProtocolRequirement requirement = ProtocolRequirement.none();
		if (this.mapped.isEmpty() || !ServletRequestPathUtils.hasCachedPath(request)) {
			return requirement;
		}
		for (Mapped candidate : this.mapped) {
			if (candidate.matchesPathAndMethod(request)) {
				requirement = requirement.and(candidate.requirement());
			}
		}
		return requirement;
	}

	private record Mapped(RequestMappingInfo info, ProtocolRequirement requirement) {

		boolean matchesPathAndMethod(HttpServletRequest request) {
			return this.info.getActivePatternsCondition().getMatchingCondition(request) != null
					&& this.info.getMethodsCondition().getMatchingCondition(request) != null;
		}

	}

}
