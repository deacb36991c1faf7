package dev.upgraderequired.gateway.webmvc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.upgraderequired.core.Route;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.servlet.ServletRouteGuard;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A route's {@code RequireProtocol} filter function. The starter decides a request with what the route it was
 * matched to requires (see {@link WebMvcRoutes}): where that includes this filter's requirement, the filter lets the
 * request through. Where it does not (a filter of a Java DSL route, which the starter cannot see), the filter decides
 * the request itself, after Spring Security, and says so once per route in the log.
 *
 * @author upgrade-required
 */
final class RequireProtocolFilterFunction implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final Log logger = LogFactory.getLog(RequireProtocolFilterFunction.class);

	private final Route.Part part;

	// The routes whose undeclared filter has been logged.
	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	RequireProtocolFilterFunction(Route.Part part) {
		this.part = part;
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		HttpServletRequest servletRequest = request.servletRequest();
		Route matched = WebMvcRoutes.matched(servletRequest);
		if (matched != null && matched.parts().contains(this.part)) {
			return next.handle(request);
		}
		String id = MvcUtils.getAttribute(request, MvcUtils.GATEWAY_ROUTE_ID_ATTR);
		if (id == null && matched != null) {
			id = matched.id();
		}
		if (id == null) {
			id = UpgradePolicy.UNKNOWN_PATTERN;
		}
		if (this.logged.add(id)) {
			logger.warn("upgrade-required: route '" + id + "' requires " + this.part.requirement()
					+ " by a RequireProtocol filter that the starter cannot see: it is decided after Spring Security. "
					+ "Declare it with .withAttributes(RequireProtocolFilterFunctions.routeRequires(...))");
		}
		ServerResponse refusal = guard(servletRequest).refusal(servletRequest,
				new Route(id, "", List.of(this.part)));
		return (refusal != null) ? refusal : next.handle(request);
	}

	private static ServletRouteGuard guard(HttpServletRequest request) {
		WebApplicationContext context = RequestContextUtils.findWebApplicationContext(request);
		ServletRouteGuard guard = (context != null) ? context.getBeanProvider(ServletRouteGuard.class).getIfAvailable()
				: null;
		if (guard == null) {
			// Switched off (upgrade-required.enabled=false) while a route requires a protocol: refused, never served.
			throw new IllegalStateException("A route requires a protocol, and upgrade-required is not running");
		}
		return guard;
	}

	@Override
	public String toString() {
		return RequireProtocolFilterFunctions.NAME + " " + this.part.requirement()
				+ ((this.part.rollout() != null) ? " [" + this.part.rollout() + "]" : "");
	}

}
