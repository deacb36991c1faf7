package dev.upgraderequired.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.upgraderequired.core.IndexedDecision;
import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.UnreadableTargets;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The early filter of Spring MVC applications: refuses, before Spring Security and the rest of the filter chain,
 * every request that its handler or a path rule refuses. Ordered after the filters that rewrite the request (Boot's
 * {@code ForwardedHeaderFilter}, the character-encoding and request-context filters), so it decides on the request
 * as the application sees it, forwarding headers applied by the configured strategy included.
 * <p>
 * A request that meets the requirement of every path rule and protected handler its path may be for passes at the
 * cost of one walk over its path, allocating nothing. Any other request is decided from the index of the handlers
 * listed at startup where it can tell (see {@link dev.upgraderequired.core.UpgradePolicy#decideFromIndex}), else
 * looked up in the servlet's handler mappings, on a view of the request that keeps what the lookup records, and
 * decided; a refused cross-origin
 * request gets the CORS headers of its handler's configuration, and a request that CORS processing rejects keeps its
 * 403. A request whose path Spring cannot decode (a {@code %} not followed by two hex digits) is answered with 400
 * ({@link UnreadableTargets}). A request let through reaches the next filter as it came; the servlet looks it up again, and
 * {@link UpgradeRequiredInterceptor} checks it again. Requests for another servlet, or for no handler, are held to
 * the path rules.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredFilter implements Filter {

	private final ServletRefusalWriter writer;

	private final UpgradeRequiredExceptionResolver failures;

	private final MappedHandlerRequirements mappedRequirements;

	private final Supplier<@Nullable Target> target;

	private volatile @Nullable Target resolvedTarget;

	/**
	 * Create a filter.
	 * @param writer writes refusals, and knows the policy and the request facts
	 * @param failures decides on requests whose handler lookup failed, as it would when the servlet fails them
	 * @param mappedRequirements the requirements of request mappings, for {@code OPTIONS} requests
	 * @param target supplies the servlet this filter looks handlers up for, once it is initialized; {@code null}
	 * while it is not
	 */
	UpgradeRequiredFilter(ServletRefusalWriter writer, UpgradeRequiredExceptionResolver failures,
			MappedHandlerRequirements mappedRequirements, Supplier<@Nullable Target> target) {
		this.writer = writer;
		this.failures = failures;
		this.mappedRequirements = mappedRequirements;
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
		if (!UnreadableTargets.isDecodable(request.getRequestURI())) {
			// Spring cannot decode the path to look its handler up (and would fail with a 500): nobody can tell
			// what the request is for.
			UnreadableTargets.reject(response);
			return;
		}
		// Another servlet's request (or the servlet is not initialized yet) has no handler of this one.
		Target target = targetOf(request);
		HttpServletRequest lookup = (target != null) ? new LookupRequest(request, target) : request;
		IndexedDecision indexed = (target != null) ? decideFromIndex(target, lookup) : null;
		if (indexed == IndexedDecision.ALLOWED) {
			chain.doFilter(req, res);
			return;
		}
		if (indexed instanceof IndexedDecision.Refused refused) {
			lookup.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, refused.pattern());
			this.writer.write(refused.refusal(), refused.handler(), lookup, response);
			return;
		}
		HandlerExecutionChain handler = null;
		Refusal refusal;
		try {
			handler = (target != null) ? target.lookup(lookup) : null;
			refusal = (handler != null)
					? this.writer.policy()
						.decide(handler.getHandler(), request.getRequestURI(), request.getContextPath(), request,
								this.writer.facts(), (ignored) -> this.mappedRequirements.forAnyMethod(lookup))
					: this.writer.policy()
						.decidePath(request.getRequestURI(), request.getContextPath(), request, this.writer.facts());
		}
		catch (Exception ex) {
			refusal = this.failures.refusalFor(lookup, ex);
		}
		if (refusal == null) {
			chain.doFilter(req, res);
		}
		else if (handler == null || applyCorsProcessing(handler, request, response)) {
			this.writer.write(refusal, (handler != null) ? handler.getHandler() : null, lookup, response);
		}
	}

	// Allocates nothing for a request that meets the requirements of every rule and handler its path may be for.
	private boolean mayBeRefused(HttpServletRequest request) {
		String path = request.getRequestURI();
		// The container's request has the context path as deployed, which is what a URI starts with unless the
		// client spelled it otherwise; a wrapper (ForwardedHeaderFilter with X-Forwarded-Prefix) may change it.
		String contextPath = (request instanceof HttpServletRequestWrapper) ? request.getContextPath()
				: request.getServletContext().getContextPath();
		int applicationPathStart = (path.startsWith(contextPath) ? contextPath : request.getContextPath()).length();
		// Handler paths are relative to the servlet's path when it is mapped to one, such as /api/*, which is when
		// the request has a path info. (The servlet mapping itself would tell as well, but costs an object per
		// request on Tomcat.)
		int handlerPathStart = applicationPathStart;
		if (request.getPathInfo() != null) {
			String servletPath = request.getServletPath();
			// A servlet path spelled otherwise (percent-encoded) in the URI cannot be skipped by its length.
			if (!path.startsWith(servletPath, applicationPathStart)) {
				return true;
			}
			handlerPathStart += servletPath.length();
		}
		return this.writer.policy()
			.mayRefuse(path, applicationPathStart, handlerPathStart, request, this.writer.facts());
	}

	// The index reads the path as the servlet's mappings do: parsed into PathPatterns' form, with the servlet mapped
	// to "/" (under a servlet path, such as /api/*, the mappings match below it).
	private @Nullable IndexedDecision decideFromIndex(Target target, HttpServletRequest lookup) {
		if (!target.parsesRequestPath() || lookup.getPathInfo() != null) {
			return null;
		}
		return this.writer.policy()
			.decideFromIndex(ServletRequestPathUtils.getParsedRequestPath(lookup).pathWithinApplication(),
					lookup.getRequestURI(), lookup.getContextPath(), lookup, this.writer.facts());
	}

	private @Nullable Target targetOf(HttpServletRequest request) {
		Target target = this.resolvedTarget;
		if (target == null) {
			target = this.target.get();
			this.resolvedTarget = target;
		}
		return (target != null && target.servletName() != null
				&& target.servletName().equals(request.getHttpServletMapping().getServletName())) ? target : null;
	}

	// Spring MVC processes CORS first for every request to a handler with a CORS configuration, one without an
	// Origin header included (it adds Vary headers): so does this filter before it writes the 426.
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
	 * handler mappings, in the order it consults them. {@link #NONE} when no single servlet is known.
	 */
	record Target(@Nullable String servletName, @Nullable WebApplicationContext context,
			List<HandlerMapping> mappings, boolean parsesRequestPath) {

		static final Target NONE = new Target(null, null, List.of(), false);

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

	/**
	 * The request as the handler mappings see it during the filter's lookup, set up as the servlet sets it up
	 * before its own: the attributes they record (the parsed path, the best matching pattern, URI variables and
	 * the like) stay in this view, so that a request let through reaches the next filter as it came.
	 */
	static final class LookupRequest extends HttpServletRequestWrapper {

		private static final Object REMOVED = new Object();

		private final Map<String, Object> attributes = new HashMap<>();

		LookupRequest(HttpServletRequest request, Target target) {
			super(request);
			setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, target.context());
			if (target.parsesRequestPath()) {
				// The mappings then share one parsed path, as in the servlet.
				ServletRequestPathUtils.parseAndCache(this);
			}
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			Object value = this.attributes.get(name);
			return (value == null) ? super.getAttribute(name) : (value != REMOVED) ? value : null;
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
			this.attributes.forEach((name, value) -> {
				if (value == REMOVED) {
					names.remove(name);
				}
				else {
					names.add(name);
				}
			});
			return Collections.enumeration(names);
		}

		@Override
		public void setAttribute(String name, @Nullable Object value) {
			this.attributes.put(name, (value != null) ? value : REMOVED);
		}

		@Override
		public void removeAttribute(String name) {
			this.attributes.put(name, REMOVED);
		}

	}

}
