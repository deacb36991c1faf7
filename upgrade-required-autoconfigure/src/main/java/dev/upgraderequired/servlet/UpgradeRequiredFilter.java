package dev.upgraderequired.servlet;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.UpgradePolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.RequestPath;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The early filter of Spring MVC applications: refuses, before Spring Security and the rest of the filter chain,
 * every request for the {@code DispatcherServlet} that its handler or a path rule refuses. Ordered after the filters
 * that rewrite the request (Boot's {@code ForwardedHeaderFilter}, the character-encoding and request-context
 * filters), so it decides on the request as the application sees it, forwarding headers applied by the configured
 * strategy included.
 * <p>
 * A request that meets the requirement of every path rule and protected handler its path may be for passes at the
 * cost of a few string comparisons, allocating nothing. Any other request is looked up in the servlet's handler
 * mappings and decided; a refused cross-origin request gets the CORS headers of its handler's configuration, and a
 * request that CORS processing rejects keeps its 403. A request let through is looked up again by the servlet, and
 * checked again by {@link UpgradeRequiredInterceptor}.
 * <p>
 * What this filter leaves to the interceptor, because no filter can see it: forwards, includes and error dispatches
 * (the filter is registered for requests only), and requests to another servlet.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredFilter implements Filter {

	private final ServletRefusalWriter writer;

	private final UpgradeRequiredExceptionResolver failures;

	private final Supplier<@Nullable Target> target;

	private volatile @Nullable Target resolvedTarget;

	/**
	 * Create a filter.
	 * @param writer writes refusals, and knows the policy and the request facts
	 * @param failures decides on requests whose handler lookup failed, as it would when the servlet fails them
	 * @param target supplies the servlet this filter looks handlers up for, once the application has started;
	 * {@code null} while it is not known
	 */
	UpgradeRequiredFilter(ServletRefusalWriter writer, UpgradeRequiredExceptionResolver failures,
			Supplier<@Nullable Target> target) {
		this.writer = writer;
		this.failures = failures;
		this.target = target;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
				|| !mayBeRefused(request)) {
			chain.doFilter(req, res);
			return;
		}
		Target target = targetOf(request);
		// Another servlet's request: the handlers are not this servlet's, and the interceptor sees what it has.
		if (target == null) {
			chain.doFilter(req, res);
			return;
		}
		HandlerExecutionChain handler = null;
		Refusal refusal;
		Object[] previous = target.prepare(request);
		try {
			handler = target.lookup(request);
			refusal = (handler != null) ? this.writer.policy()
				.decide(handler.getHandler(), request.getRequestURI(), request.getContextPath(), request,
						this.writer.facts()) : null;
		}
		catch (Exception ex) {
			refusal = this.failures.refusalFor(request, ex);
		}
		finally {
			target.restore(request, previous);
		}
		if (refusal == null) {
			chain.doFilter(req, res);
		}
		else if (handler == null || applyCorsProcessing(handler, request, response)) {
			this.writer.write(refusal, request, response);
		}
	}

	// Allocates nothing for a request that meets the requirements of every rule and handler its path may be for.
	private boolean mayBeRefused(HttpServletRequest request) {
		String path = request.getRequestURI();
		String contextPath = request.getServletContext().getContextPath();
		// The context path as deployed is what a URI starts with, unless the client spelled it otherwise.
		int applicationPathStart = (path.startsWith(contextPath) ? contextPath : request.getContextPath()).length();
		// Handler paths are relative to the servlet's path when it is mapped to one, such as /api/*, which is when
		// the request has a path info. (The servlet mapping itself would tell as well, but costs an object per
		// request on Tomcat.)
		int handlerPathStart = applicationPathStart
				+ ((request.getPathInfo() != null) ? request.getServletPath().length() : 0);
		return this.writer.policy()
			.mayRefuse(path, applicationPathStart, handlerPathStart, request, this.writer.facts());
	}

	private @Nullable Target targetOf(HttpServletRequest request) {
		Target target = this.resolvedTarget;
		if (target == null) {
			target = this.target.get();
			this.resolvedTarget = target;
		}
		return (target != null && target.servletName().equals(request.getHttpServletMapping().getServletName()))
				? target : null;
	}

	// Spring MVC processes CORS first for every request to a handler with a CORS configuration, one without an
	// Origin header included (it adds Vary headers): so does this filter, so that the 426 is the interceptor's.
	private static boolean applyCorsProcessing(HandlerExecutionChain handler, HttpServletRequest request,
			HttpServletResponse response) throws ServletException {
		for (HandlerInterceptor interceptor : handler.getInterceptorList()) {
			try {
				if (interceptor instanceof CorsConfigurationSource
						&& !interceptor.preHandle(request, response, handler.getHandler())) {
					return false;
				}
			}
			catch (Exception ex) {
				throw new ServletException(ex);
			}
		}
		return true;
	}

	/**
	 * The {@code DispatcherServlet} this filter looks handlers up for: its name, its application context and its
	 * handler mappings, in the order it consults them.
	 */
	record Target(String servletName, @Nullable WebApplicationContext context, List<HandlerMapping> mappings,
			boolean parsesRequestPath) {

		// Sets up the request as the servlet does before its lookup, so that the mappings share one parsed path;
		// returns what to put back, since the servlet does it again and nothing after this filter must see it.
		Object[] prepare(HttpServletRequest request) {
			Object[] previous = { request.getAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE),
					request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE) };
			request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, this.context);
			if (this.parsesRequestPath) {
				ServletRequestPathUtils.parseAndCache(request);
			}
			return previous;
		}

		void restore(HttpServletRequest request, Object[] previous) {
			request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, previous[0]);
			if (this.parsesRequestPath) {
				ServletRequestPathUtils.setParsedRequestPath((RequestPath) previous[1], request);
			}
		}

		// The same lookup as the servlet's: the first mapping that has a handler.
		@Nullable HandlerExecutionChain lookup(HttpServletRequest request) throws Exception {
			for (int i = 0; i < this.mappings.size(); i++) {
				HandlerExecutionChain handler = this.mappings.get(i).getHandler(request);
				if (handler != null) {
					return handler;
				}
			}
			return null;
		}

	}

}
