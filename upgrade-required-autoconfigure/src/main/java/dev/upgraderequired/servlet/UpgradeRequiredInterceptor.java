package dev.upgraderequired.servlet;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The check every handler passes: refuses a request whose handler, or whose path by a configured rule, requires a
 * protocol the request does not offer, writing the response itself. Registered as a
 * {@link org.springframework.web.servlet.handler.MappedInterceptor} so that it reaches every handler mapping,
 * including WebSocket endpoints.
 * <p>
 * {@link UpgradeRequiredFilter} refuses before Spring Security what it can decide; this interceptor decides what no
 * filter sees (forwards, includes and async dispatches, a {@code DispatcherServlet} other than the one the filter
 * knows), and the request the filter let through against the handler the servlet chose, so that no later rewrite
 * of a request escapes the check: one decision of the core, which costs a cache lookup and allocates nothing. A
 * refused include renders nothing, since an include cannot set a status. When configured, it adds
 * {@code Strict-Transport-Security} to the response of a request over TLS that it lets through to an endpoint
 * requiring TLS.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredInterceptor implements HandlerInterceptor {

	private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private final RequestDecider decider;

	private final ServletRequestView view;

	private final ServletRefusalWriter writer;

	UpgradeRequiredInterceptor(RequestDecider decider, ServletRequestView view, ServletRefusalWriter writer) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		DispatcherType dispatcherType = request.getDispatcherType();
		// An error dispatch renders the failure of a request that was checked. (An async one is checked again: it
		// may be dispatched to another path.)
		if (dispatcherType == DispatcherType.ERROR) {
			return true;
		}
		Decision decision = this.decider.decide(request, this.view, handler);
		// An include cannot set a status or headers: a protected resource is simply left out.
		boolean include = dispatcherType == DispatcherType.INCLUDE;
		if (decision instanceof Decision.Proceed proceed) {
			String hsts = proceed.strictTransportSecurity();
			// The application's own (with preload, say) is kept.
			if (hsts != null && !include && !response.containsHeader(STRICT_TRANSPORT_SECURITY)) {
				response.setHeader(STRICT_TRANSPORT_SECURITY, hsts);
			}
			return true;
		}
		if (decision instanceof Decision.Respond respond && !include) {
			this.writer.write(respond.response(), response);
		}
		return false;
	}

}
