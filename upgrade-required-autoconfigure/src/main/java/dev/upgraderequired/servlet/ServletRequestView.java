package dev.upgraderequired.servlet;

import java.util.function.Supplier;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequestFacts;
import dev.upgraderequired.core.RequestView;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Spring MVC's view of a request for the core: the container's facts, the paths as the servlet and its handler
 * mappings read them (per dispatch type: an include's own path, a forward's or async dispatch's original one for
 * the response), and what the filter's handler lookup recorded.
 *
 * @author upgrade-required
 */
final class ServletRequestView implements RequestView<HttpServletRequest> {

	private final RequestFacts<HttpServletRequest> facts;

	private final ServletMappedHandlerRequirements mappedRequirements;

	private final Supplier<UpgradeRequiredFilter.@Nullable Target> target;

	private volatile UpgradeRequiredFilter.@Nullable Target resolvedTarget;

	/**
	 * Create a view.
	 * @param facts the container's facts
	 * @param mappedRequirements the requirements of request mappings
	 * @param target supplies the servlet the early filter looks handlers up for, once it is initialized;
	 * {@code null} while it is not
	 */
	ServletRequestView(RequestFacts<HttpServletRequest> facts, ServletMappedHandlerRequirements mappedRequirements,
			Supplier<UpgradeRequiredFilter.@Nullable Target> target) {
		this.facts = facts;
		this.mappedRequirements = mappedRequirements;
		this.target = target;
	}

	/**
	 * Return the servlet the early filter looks a request's handler up in, if the request is for it.
	 * @param request the request
	 * @return the servlet, {@code null} for another servlet's request, or while the servlet is not initialized
	 */
	UpgradeRequiredFilter.@Nullable Target targetOf(HttpServletRequest request) {
		UpgradeRequiredFilter.Target target = this.resolvedTarget;
		if (target == null) {
			target = this.target.get();
			this.resolvedTarget = target;
		}
		return (target != null && target.servletName() != null
				&& target.servletName().equals(request.getHttpServletMapping().getServletName())) ? target : null;
	}

	@Override
	public boolean isSecure(HttpServletRequest request) {
		return this.facts.isSecure(request);
	}

	@Override
	public @Nullable String tlsProtocol(HttpServletRequest request) {
		return this.facts.tlsProtocol(request);
	}

	@Override
	public boolean isHttp1(HttpServletRequest request) {
		return this.facts.isHttp1(request);
	}

	@Override
	public String method(HttpServletRequest request) {
		return this.facts.method(request);
	}

	@Override
	public @Nullable String header(HttpServletRequest request, String name) {
		return this.facts.header(request, name);
	}

	@Override
	public @Nullable String remoteAddress(HttpServletRequest request) {
		return this.facts.remoteAddress(request);
	}

	@Override
	public String path(HttpServletRequest request) {
		String included = (request.getDispatcherType() == DispatcherType.INCLUDE)
				? (String) request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) : null;
		return (included != null) ? included : request.getRequestURI();
	}

	@Override
	public String contextPath(HttpServletRequest request) {
		return request.getContextPath();
	}

	// The container's request has the context path as deployed, which is what a URI starts with unless the client
	// spelled it otherwise; a wrapper (ForwardedHeaderFilter with X-Forwarded-Prefix) may change it.
	@Override
	public int applicationPathStart(HttpServletRequest request) {
		String contextPath = (request instanceof HttpServletRequestWrapper) ? request.getContextPath()
				: request.getServletContext().getContextPath();
		return (request.getRequestURI().startsWith(contextPath) ? contextPath : request.getContextPath()).length();
	}

	// Handler paths are relative to the servlet's path when it is mapped to one, such as /api/*, which is when the
	// request has a path info. (The servlet mapping itself would tell as well, but costs an object per request on
	// Tomcat.) A servlet path spelled otherwise (percent-encoded) in the URI cannot be skipped by its length.
	@Override
	public int handlerPathStart(HttpServletRequest request, int applicationPathStart) {
		if (request.getPathInfo() == null) {
			return applicationPathStart;
		}
		String servletPath = request.getServletPath();
		return request.getRequestURI().startsWith(servletPath, applicationPathStart)
				? applicationPathStart + servletPath.length() : -1;
	}

	// Where the path that indexedPath parses starts in the URI, where it is the rest of the URI: as Spring parses
	// it, with the servlet not mapped to a path prefix (such as /api/*) and the context path as the URI's first
	// segments ("/" counts as none). An include has its own URI and mapping, which the early filter does not see.
	// (Tomcat makes the servlet mapping's object once per request: the DispatcherServlet asks for it as well.)
	@Override
	public int indexedPathStart(HttpServletRequest request) {
		if (!isMappedByIndexedPath(request) || request.getHttpServletMapping().getMappingMatch() == MappingMatch.PATH
				|| request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) != null
				|| request.getAttribute(RequestDispatcher.INCLUDE_MAPPING) != null) {
			return -1;
		}
		String contextPath = request.getContextPath();
		if (contextPath.isEmpty() || contextPath.equals("/")) {
			return 0;
		}
		String uri = request.getRequestURI();
		int length = contextPath.length();
		return (contextPath.charAt(0) == '/' && contextPath.charAt(length - 1) != '/' && uri.startsWith(contextPath)
				&& uri.length() > length && uri.charAt(length) == '/') ? length : -1;
	}

	// The path parsed into PathPatterns' form, as the servlet's mappings read it, with the servlet mapped to "/"
	// (under a servlet path, such as /api/*, the mappings match below it, which the index does not read).
	@Override
	public @Nullable PathContainer indexedPath(HttpServletRequest request) {
		if (!isMappedByIndexedPath(request)) {
			return null;
		}
		try {
			return ServletRequestPathUtils.parse(request).pathWithinApplication();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// Whether the servlet's mappings, which were indexed, map the request by its parsed path.
	private boolean isMappedByIndexedPath(HttpServletRequest request) {
		UpgradeRequiredFilter.Target target = targetOf(request);
		return target != null && target.parsesRequestPath() && request.getPathInfo() == null;
	}

	@Override
	public String requestedPath(HttpServletRequest request) {
		String original = originalAttribute(request, RequestDispatcher.FORWARD_REQUEST_URI,
				AsyncContext.ASYNC_REQUEST_URI);
		return (original != null) ? original : request.getRequestURI();
	}

	@Override
	public @Nullable String query(HttpServletRequest request) {
		return (originalAttribute(request, RequestDispatcher.FORWARD_REQUEST_URI,
				AsyncContext.ASYNC_REQUEST_URI) != null)
						? originalAttribute(request, RequestDispatcher.FORWARD_QUERY_STRING,
								AsyncContext.ASYNC_QUERY_STRING)
						: request.getQueryString();
	}

	// A forward or async dispatch has its own path: the client is told about the one it asked for.
	private static @Nullable String originalAttribute(HttpServletRequest request, String forward, String async) {
		DispatcherType type = request.getDispatcherType();
		String name = (type == DispatcherType.FORWARD) ? forward : (type == DispatcherType.ASYNC) ? async : null;
		return (name != null) ? (String) request.getAttribute(name) : null;
	}

	@Override
	public @Nullable String host(HttpServletRequest request) {
		return request.getServerName();
	}

	@Override
	public @Nullable String matchedPattern(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern != null) ? pattern.toString() : null;
	}

	@Override
	public ProtocolRequirement mediaTypeRequirement(HttpServletRequest request) {
		return this.mappedRequirements.forRequest(request);
	}

	@Override
	public ProtocolRequirement anyMethodRequirement(HttpServletRequest request) {
		return this.mappedRequirements.forAnyMethod(request);
	}

	// Only the early filter's lookup has CORS processing left to do: for a dispatched request, Spring MVC's CORS
	// interceptor comes before every other.
	@Override
	public boolean processCors(HttpServletRequest request) {
		return !(request instanceof UpgradeRequiredFilter.LookupRequest lookup) || lookup.processCors();
	}

}
