package dev.upgraderequired.servlet;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.RequirementIndex;
import dev.upgraderequired.core.Route;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The check every handler passes: refuses a request whose handler, or whose path by a configured rule, requires a
 * protocol the request does not offer, writing the response itself. Registered as a
 * {@link org.springframework.web.servlet.handler.MappedInterceptor} so that it reaches every handler mapping,
 * including WebSocket endpoints.
 * <p>
 * {@link UpgradeRequiredFilter} decides every request before Spring Security; a request it let through by its path
 * alone (no requirement its path may have refuses it, whichever handler serves it) is not decided again here, unless
 * its handler was not indexed with the pattern it matched (registered after startup) or a later filter changed its
 * path or method. This interceptor decides, with one decision of the core, everything else against the handler the
 * servlet chose: forwards, includes and async dispatches, a request of another application context's servlet, and a
 * request the filter allowed for the handler it looked up or the handlers the index found (a later filter may change
 * which one the servlet chooses, by a header, say). A refused include renders nothing, since an include
 * cannot set a status. When configured, it adds {@code Strict-Transport-Security} to the response of a request over
 * TLS that goes on to an endpoint requiring TLS. A request that a gateway's route serves is decided with the route
 * (see {@link ServletRoutes}), unless the filter decided it with that route.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredInterceptor implements HandlerInterceptor {

	private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private final RequestDecider decider;

	private final RequirementIndex index;

	private final ServletRequestView view;

	private final ServletRefusalWriter writer;

	private final @Nullable ApplicationContext context;

	private final @Nullable ServletRoutes routes;

	/**
	 * Create an interceptor.
	 * @param decider decides requests
	 * @param index tells the handlers the filter's decisions hold for
	 * @param view reads requests
	 * @param writer writes refusals
	 * @param context the application context whose handlers the early filter knows, {@code null} for none
	 * @param routes a gateway's routes, {@code null} if there is none
	 */
	UpgradeRequiredInterceptor(RequestDecider decider, RequirementIndex index, ServletRequestView view,
			ServletRefusalWriter writer, @Nullable ApplicationContext context, @Nullable ServletRoutes routes) {
		this.decider = decider;
		this.index = index;
		this.view = view;
		this.writer = writer;
		this.context = context;
		this.routes = routes;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object mapped)
			throws Exception {
		DispatcherType dispatcherType = request.getDispatcherType();
		// An error dispatch renders the failure of a request that was checked. (An async one is checked again: it
		// may be dispatched to another path.)
		if (dispatcherType == DispatcherType.ERROR) {
			return true;
		}
		// A gateway's route is decided as the handler of its requests.
		Route route = (this.routes != null) ? this.routes.routeOf(mapped) : null;
		Object handler = (route != null) ? route : mapped;
		if (dispatcherType == DispatcherType.REQUEST && decidedByTheFilter(request, handler, route)) {
			if (this.decider.sendsStrictTransportSecurity()) {
				addStrictTransportSecurity(this.decider.strictTransportSecurity(request, this.view, handler), response);
			}
			return true;
		}
		// The filter told the observers of a request it served although a requirement not enforced would refuse it.
		Decision decision = this.decider.decide(request, this.view, handler,
				request.getAttribute(UpgradeRequiredFilter.NOT_ENFORCED) == null);
		// An include cannot set a status or headers: a protected resource is simply left out.
		boolean include = dispatcherType == DispatcherType.INCLUDE;
		if (decision instanceof Decision.Proceed proceed) {
			if (proceed.refusalNotEnforced()) {
				// Told once: not again on an async dispatch of the same request.
				request.setAttribute(UpgradeRequiredFilter.NOT_ENFORCED, Boolean.TRUE);
			}
			if (!include) {
				addStrictTransportSecurity(proceed.strictTransportSecurity(), response);
				this.writer.announce(proceed.announcement(), response);
			}
			return true;
		}
		if (decision instanceof Decision.Respond respond && !include) {
			this.writer.write(respond.response(), response);
		}
		return false;
	}

	// The early filter decided the request with the handlers of this application context, this one among them, as
	// indexed at startup (a handler registered later is not).
	private boolean decidedByTheFilter(HttpServletRequest request, Object handler, @Nullable Route route) {
		if (route != null && request.getAttribute(UpgradeRequiredFilter.DECIDED_ROUTE) == route) {
			return true;
		}
		return this.context != null
				&& request.getAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE) == this.context
				&& UpgradeRequiredFilter.hasDecided(request)
				&& this.index.isIndexed(handler, this.view.matchedPattern(request));
	}

	// The application's own (with preload, say) is kept.
	private static void addStrictTransportSecurity(@Nullable String value, HttpServletResponse response) {
		if (value != null && !response.containsHeader(STRICT_TRANSPORT_SECURITY)) {
			response.setHeader(STRICT_TRANSPORT_SECURITY, value);
		}
	}

}
