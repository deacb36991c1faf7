package dev.upgraderequired.servlet;

import java.util.function.Function;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.UpgradePolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
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
 * knows), and checks again the requests the filter let through, which costs a cache lookup per request, so that no
 * later rewrite of a request escapes the check. A refused include renders nothing, since an include cannot set a
 * status. When configured, it adds {@code Strict-Transport-Security} to the response of a request over TLS that it
 * lets through to an endpoint requiring TLS.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredInterceptor implements HandlerInterceptor {

	private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private final ServletRefusalWriter writer;

	private final Function<HttpServletRequest, ProtocolRequirement> anyMethod;

	UpgradeRequiredInterceptor(ServletRefusalWriter writer, MappedHandlerRequirements mappedRequirements) {
		this.writer = writer;
		this.anyMethod = mappedRequirements::forAnyMethod;
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
		boolean include = dispatcherType == DispatcherType.INCLUDE;
		String includedPath = include ? (String) request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) : null;
		String path = (includedPath != null) ? includedPath : request.getRequestURI();
		UpgradePolicy policy = this.writer.policy();
		Refusal refusal = policy.decide(handler, path, request.getContextPath(), request, this.writer.facts(),
				this.anyMethod);
		if (refusal == null) {
			// An include cannot set headers.
			if (!include && policy.sendsStrictTransportSecurity()) {
				String hsts = policy.strictTransportSecurity(handler, path, request.getContextPath(), request,
						this.writer.facts());
				// The application's own (with preload, say) is kept.
				if (hsts != null && !response.containsHeader(STRICT_TRANSPORT_SECURITY)) {
					response.setHeader(STRICT_TRANSPORT_SECURITY, hsts);
				}
			}
			return true;
		}
		// An include cannot set a status or headers: the protected resource is simply left out.
		if (!include) {
			this.writer.write(refusal, handler, request, response);
		}
		return false;
	}

}
