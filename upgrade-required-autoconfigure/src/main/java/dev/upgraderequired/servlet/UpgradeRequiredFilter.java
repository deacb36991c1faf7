package dev.upgraderequired.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.RequirementPrefixes;
import dev.upgraderequired.core.UpgradeDecider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.RequestPath;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Refuses requests for the {@link DispatcherServlet} before the servlet runs. A request that meets the
 * requirement of every path rule and every protected handler (see {@link #registerProtectedHandlers}) its path may
 * be for passes at the cost of a few string comparisons and decisions, allocating nothing of its own. For any other
 * request, the filter looks up the handler in the servlet's handler mappings, decides as
 * {@link UpgradeRequiredInterceptor} does, and writes the 426 itself: a refusal skips the rest of the filter chain
 * and the servlet, which makes it cheaper than serving the request.
 * <p>
 * The handler of a request that is let through is not looked up twice: {@link #handlerMapping()}, a handler
 * mapping ordered first, hands it to the {@code DispatcherServlet}. It does so only for the same request, with the
 * same method and request URI, on the same thread; if a filter in between forwarded the request or wrapped it with
 * another URI or method, the servlet looks the handler up again and {@link UpgradeRequiredInterceptor} decides, so
 * nothing slips past the check. Functional endpoints are never handed over: they keep the request they were looked
 * up with.
 * <p>
 * The filter decides on the request as the filters before it left it. Filters that change what its handler is
 * chosen by (headers, parameters) must be ordered before it. Like the servlet, the lookup reads the request
 * parameters if a mapping has a {@code params} condition. Filters ordered after it do not see its refusals (such as
 * Boot's {@code HttpExchangesFilter}; observations, ordered first, do).
 * <p>
 * The filter leaves to the interceptor: requests with an {@code Origin} header (the 426 of a cross-origin request
 * needs the CORS headers that Spring MVC adds, and pre-flight requests are never refused), requests with forwarding
 * headers ({@code Forwarded}, {@code X-Forwarded-*}: a filter after this one may apply them), requests to other
 * servlets, requests without a handler, requests whose lookup fails for another reason than a media type,
 * dispatches other than {@code REQUEST}, and everything until the {@code DispatcherServlet} has been initialized
 * (in a {@code @SpringBootTest} with a mock environment, it never is).
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredFilter implements Filter, Ordered {

	/**
	 * Default order: after Spring Security's filter chain (-100) and before filters without an order, as the
	 * {@code WebFilter} of WebFlux applications.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private static final String[] FORWARDING_HEADERS = { "Forwarded", "X-Forwarded-Proto", "X-Forwarded-Ssl",
			"X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix" };

	private final EndpointRequirements requirements;

	private final UpgradeRequiredExceptionResolver failures;

	private final ServletUpgradeResponseWriter writer;

	private final RequestFacts<HttpServletRequest> facts;

	private final Supplier<@Nullable DispatcherServlet> dispatcherServlet;

	private final int order;

	private volatile RequirementPrefixes handlerPrefixes = RequirementPrefixes.none();

	private final ThreadLocal<@Nullable Handover> handovers = new ThreadLocal<>();

	private final HandoverMapping handlerMapping = new HandoverMapping();

	private volatile @Nullable Target target;

	/**
	 * Create a filter.
	 * @param requirements what each endpoint requires
	 * @param failures decides on requests whose handler lookup failed, as it would when the servlet fails them
	 * @param writer writes refusals
	 * @param facts reads what a request offers
	 * @param dispatcherServlet the servlet whose handler mappings to use, {@code null} if there is none
	 * @param order the order of the filter among the servlet filters
	 */
	public UpgradeRequiredFilter(EndpointRequirements requirements, UpgradeRequiredExceptionResolver failures,
			ServletUpgradeResponseWriter writer, RequestFacts<HttpServletRequest> facts,
			Supplier<@Nullable DispatcherServlet> dispatcherServlet, int order) {
		this.requirements = requirements;
		this.failures = failures;
		this.writer = writer;
		this.facts = facts;
		this.dispatcherServlet = dispatcherServlet;
		this.order = order;
	}

	/**
	 * Remember the requirements of handlers by their paths, so that this filter looks up only the handlers of
	 * requests that one of them (or a path rule) may refuse. Call it once the handler mappings are initialized;
	 * until then, only path rules are looked after.
	 * <p>
	 * The handlers of {@code @RequestMapping} methods and of URL-mapped handlers (WebSocket endpoints, for
	 * example) are resolved here. Other handlers, such as functional endpoints, or handlers known only by their
	 * bean name until their first request, are decided by this filter only when it looks a request up for another
	 * reason (a path rule, or a protected handler whose path starts the same way); otherwise
	 * {@link UpgradeRequiredInterceptor} decides on them.
	 * @param mappings the handler mappings of the {@code DispatcherServlet}
	 * @throws dev.upgraderequired.core.InvalidRequirementException if a handler declares an invalid requirement
	 */
	public void registerProtectedHandlers(Collection<HandlerMapping> mappings) {
		Map<String, ProtocolRequirement> byPattern = new LinkedHashMap<>();
		for (HandlerMapping mapping : mappings) {
			if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
				methods.getHandlerMethods().forEach((info, method) -> {
					for (String pattern : info.getPatternValues()) {
						protect(byPattern, pattern, method);
					}
				});
			}
			else if (mapping instanceof AbstractUrlHandlerMapping urls) {
				urls.getHandlerMap().forEach((pattern, handler) -> protect(byPattern, pattern, handler));
				protect(byPattern, "/", urls.getRootHandler());
				protect(byPattern, "/**", urls.getDefaultHandler());
			}
		}
		this.handlerPrefixes = RequirementPrefixes.of(byPattern);
	}

	private void protect(Map<String, ProtocolRequirement> byPattern, String pattern, @Nullable Object handler) {
		if (handler != null && !(handler instanceof String)) {
			ProtocolRequirement requirement = this.requirements.forHandler(handler);
			if (!requirement.isNone()) {
				byPattern.merge(pattern, requirement, ProtocolRequirement::and);
			}
		}
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Return the handler mapping that hands the handlers this filter looked up to the {@code DispatcherServlet}.
	 * Register it as a bean so that the servlet detects it.
	 * @return the handler mapping, ordered first
	 */
	public HandlerMapping handlerMapping() {
		return this.handlerMapping;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		Target target = (req instanceof HttpServletRequest request && res instanceof HttpServletResponse)
				? targetOf(request) : null;
		if (target == null) {
			chain.doFilter(req, res);
			return;
		}
		HttpServletRequest request = (HttpServletRequest) req;
		HandlerExecutionChain handler = null;
		Rejection rejection;
		Object[] previous = target.prepare(request);
		try {
			handler = target.lookup(request);
			rejection = (handler != null)
					? UpgradeDecider.decide(this.requirements.forEndpoint(handler.getHandler(),
							request.getRequestURI(), request.getContextPath()), request, this.facts)
					: null;
		}
		catch (Exception ex) {
			rejection = this.failures.rejectionFor(request, ex);
		}
		finally {
			target.restore(request, previous);
		}
		if (rejection != null) {
			if (handler == null || applyCorsProcessing(handler, request, (HttpServletResponse) res)) {
				this.writer.write(rejection, request, (HttpServletResponse) res);
			}
			return;
		}
		// A functional endpoint keeps the request it was looked up with: it must see the one the servlet gets.
		if (handler == null || handler.getHandler() instanceof HandlerFunction) {
			chain.doFilter(req, res);
			return;
		}
		this.handovers.set(new Handover(innermost(request), request.getMethod(), request.getRequestURI(), handler));
		try {
			chain.doFilter(req, res);
		}
		finally {
			// Cleared rather than removed: the next get() on this thread then allocates nothing.
			this.handovers.set(null);
		}
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

	// The dispatcher servlet's handler mappings, if this request goes to that servlet and is one this filter decides.
	// Left to the interceptor: requests with an Origin header (the 426 of a cross-origin request needs the CORS
	// headers that Spring MVC adds, a pre-flight is never refused, and a malformed Origin is CORS processing's to
	// answer), and requests with forwarding headers (a filter after this one may apply them).
	private @Nullable Target targetOf(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.REQUEST || !mayBeRefused(request)
				|| request.getHeader(HttpHeaders.ORIGIN) != null || hasForwardingHeaders(request)) {
			return null;
		}
		String servletName = request.getHttpServletMapping().getServletName();
		Target target = this.target;
		if (target == null) {
			target = initTarget(servletName);
		}
		return (target != null && target.servletName().equals(servletName)) ? target : null;
	}

	private static boolean hasForwardingHeaders(HttpServletRequest request) {
		for (String name : FORWARDING_HEADERS) {
			if (request.getHeader(name) != null) {
				return true;
			}
		}
		return false;
	}

	// Allocates nothing for a request that meets the requirements of every rule and handler its path may be for.
	private boolean mayBeRefused(HttpServletRequest request) {
		String path = request.getRequestURI();
		String contextPath = request.getServletContext().getContextPath();
		// The context path as deployed is what a URI starts with, unless the client spelled it otherwise.
		int contextPathLength = (path.startsWith(contextPath) ? contextPath : request.getContextPath()).length();
		if (this.requirements.pathRulePrefixes().mayRefuse(path, contextPathLength, request, this.facts)) {
			return true;
		}
		RequirementPrefixes handlerPrefixes = this.handlerPrefixes;
		if (handlerPrefixes == RequirementPrefixes.none()) {
			return false;
		}
		// Handler paths are relative to the servlet's path when it is mapped to one, such as /api/*.
		HttpServletMapping mapping = request.getHttpServletMapping();
		int servletPathLength = (mapping.getMappingMatch() == MappingMatch.PATH) ? request.getServletPath().length()
				: 0;
		return handlerPrefixes.mayRefuse(path, contextPathLength + servletPathLength, request, this.facts);
	}

	// Called for a request that the container dispatches to a servlet, which it has initialized before running the
	// filters: if that servlet is the DispatcherServlet, its handler mappings are complete.
	private @Nullable Target initTarget(String servletName) {
		DispatcherServlet servlet = this.dispatcherServlet.get();
		ServletConfig config = (servlet != null) ? servlet.getServletConfig() : null;
		if (config == null || !config.getServletName().equals(servletName)) {
			return null;
		}
		List<HandlerMapping> mappings = servlet.getHandlerMappings();
		if (mappings == null) {
			return null;
		}
		List<HandlerMapping> others = new ArrayList<>(mappings);
		others.remove(this.handlerMapping);
		AnnotationAwareOrderComparator.sort(others);
		Target target = new Target(servletName, servlet.getWebApplicationContext(),
				others.toArray(new HandlerMapping[0]), others.stream().anyMatch(HandlerMapping::usesPathPatterns));
		this.target = target;
		return target;
	}

	private static ServletRequest innermost(ServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			current = wrapper.getRequest();
		}
		return current;
	}

	/**
	 * The {@code DispatcherServlet} this filter looks handlers up for.
	 */
	private record Target(String servletName, @Nullable WebApplicationContext context, HandlerMapping[] mappings,
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
			for (HandlerMapping mapping : this.mappings) {
				HandlerExecutionChain handler = mapping.getHandler(request);
				if (handler != null) {
					return handler;
				}
			}
			return null;
		}

	}

	/**
	 * The handler looked up for the request this thread is filtering, and what identifies that request.
	 */
	private record Handover(ServletRequest request, String method, String uri, HandlerExecutionChain handler) {

		boolean isFor(HttpServletRequest request) {
			return innermost(request) == this.request && request.getMethod().equals(this.method)
					&& request.getRequestURI().equals(this.uri);
		}

	}

	/**
	 * Hands the {@code DispatcherServlet} the handler this filter looked up. Other callers of handler mappings,
	 * such as Spring's {@code HandlerMappingIntrospector} that security filters use, find nothing here and go on to
	 * the mappings that actually hold the handlers.
	 */
	private final class HandoverMapping implements HandlerMapping, Ordered {

		@Override
		public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) {
			ThreadLocal<Handover> handovers = UpgradeRequiredFilter.this.handovers;
			Handover handover = handovers.get();
			// The servlet sets this attribute before it looks up the handler of a request; a filter has not yet.
			if (handover == null || request.getDispatcherType() != DispatcherType.REQUEST
					|| request.getAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE) == null) {
				return null;
			}
			handovers.set(null);
			return handover.isFor(request) ? handover.handler() : null;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
