package dev.upgraderequired.gateway.webmvc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.upgraderequired.core.Route;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.servlet.ServletRouteGuard;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A route's {@code RequireProtocol} filter function. The starter decides a request with what its route requires (see
 * {@link WebMvcRoutes}): where that includes this filter's requirement, the filter lets the request through. Where it
 * does not (a filter of a Java DSL route, which the starter cannot see), the filter decides the request itself, after
 * Spring Security, and says so once per route in the log. With the starter switched off
 * ({@code upgrade-required.enabled=false}), it does nothing, as {@code @RequiresProtocol} does then.
 *
 * @author upgrade-required
 */
final class RequireProtocolFilterFunction implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final Log logger = LogFactory.getLog(RequireProtocolFilterFunction.class);

	private final Route.Part part;

	// The route of each route id this filter decides itself: one per route, logged when first made.
	private final Map<String, Route> undeclared = new ConcurrentHashMap<>();

	private volatile @Nullable ServletRouteGuard guard;

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
		ServletRouteGuard guard = guard(servletRequest);
		if (guard == null) {
			return next.handle(request);
		}
		String id = (matched != null) ? matched.id() : UpgradePolicy.UNKNOWN_PATTERN;
		Route route = this.undeclared.computeIfAbsent(id, (routeId) -> {
			logger.warn("upgrade-required: route '" + routeId + "' requires " + this.part.requirement()
					+ " by a RequireProtocol filter that the starter cannot see: it is decided after Spring Security. "
					+ "Declare it with .withAttributes(RequireProtocolFilterFunctions.routeRequires(...))");
			return new Route(routeId, "", List.of(this.part));
		});
		return guard.filter(request, route, next);
	}

	// The starter's guard, null if the starter is switched off.
	private @Nullable ServletRouteGuard guard(HttpServletRequest request) {
		ServletRouteGuard guard = this.guard;
		if (guard == null) {
			WebApplicationContext context = RequestContextUtils.findWebApplicationContext(request);
			guard = (context != null) ? context.getBeanProvider(ServletRouteGuard.class).getIfAvailable() : null;
			this.guard = guard;
		}
		return guard;
	}

	@Override
	public String toString() {
		return RequireProtocolFilterFunctions.NAME + " " + this.part.requirement()
				+ ((this.part.rollout() != null) ? " [" + this.part.rollout() + "]" : "");
	}

}
