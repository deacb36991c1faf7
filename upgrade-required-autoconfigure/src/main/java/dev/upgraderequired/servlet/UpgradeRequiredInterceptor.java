package dev.upgraderequired.servlet;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.UpgradeDecider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses requests whose handler, or whose path by a configured rule, requires a protocol the request does not
 * offer, writing the 426 response itself. Register it as a
 * {@link org.springframework.web.servlet.handler.MappedInterceptor} so that it reaches every handler mapping,
 * including WebSocket endpoints.
 * <p>
 * A request to a handler without a requirement costs a cache lookup, plus matching the path against the rules if
 * any are configured. Error and async dispatches are let through: the original request was checked already.
 * Forwards are checked like requests; a refused include renders nothing, since an include cannot set a status. CORS
 * pre-flight requests are let through: a browser's pre-flight cannot follow an upgrade, the actual request is
 * refused instead.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredInterceptor implements HandlerInterceptor {

	private final EndpointRequirements requirements;

	private final ServletUpgradeResponseWriter writer;

	private final RequestFacts<HttpServletRequest> facts;

	/**
	 * Create an interceptor.
	 * @param requirements what each endpoint requires
	 * @param writer writes refusals
	 * @param facts reads what a request offers
	 */
	public UpgradeRequiredInterceptor(EndpointRequirements requirements, ServletUpgradeResponseWriter writer,
			RequestFacts<HttpServletRequest> facts) {
		this.requirements = requirements;
		this.writer = writer;
		this.facts = facts;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		DispatcherType dispatcherType = request.getDispatcherType();
		if (dispatcherType == DispatcherType.ERROR || dispatcherType == DispatcherType.ASYNC
				|| CorsUtils.isPreFlightRequest(request)) {
			return true;
		}
		boolean include = dispatcherType == DispatcherType.INCLUDE;
		String includedPath = include ? (String) request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) : null;
		ProtocolRequirement requirement = this.requirements.forEndpoint(handler,
				(includedPath != null) ? includedPath : request.getRequestURI(), request.getContextPath());
		Rejection rejection = UpgradeDecider.decide(requirement, request, this.facts);
		if (rejection == null) {
			return true;
		}
		// An include cannot set a status or headers: the protected resource is simply left out.
		if (!include) {
			this.writer.write(rejection, request, response);
		}
		return false;
	}

}
