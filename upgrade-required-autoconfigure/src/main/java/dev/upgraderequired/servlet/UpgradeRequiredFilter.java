package dev.upgraderequired.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.Route;
import dev.upgraderequired.server.UnreadableTargets;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
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
 * It asks the core's {@link RequestDecider} once; only where the index cannot tell does it look the handler up in
 * the servlet's handler mappings, on a view of the request that keeps what the lookup records, and ask with the
 * handler. A request whose path Spring cannot decode (a {@code %} not followed by two hex digits) is answered with
 * 400 ({@link UnreadableTargets}). A request that a gateway's route serves (see {@link ServletRoutes}) is decided with
 * the route. A request let through reaches the next filter as it came.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredFilter implements Filter {

	// The request this thread's filter let through whichever handler serves it: the interceptor does not decide it
	// again. (A thread local of a pooled thread is set without allocating; a request attribute would allocate on
	// every request.)
	private static final ThreadLocal<@Nullable HttpServletRequest> DECIDED = new ThreadLocal<>();

	/**
	 * The attribute of a request that the filter served although a requirement not enforced yet would have refused
	 * it: the observers have been told.
	 */
	static final String NOT_ENFORCED = UpgradeRequiredFilter.class.getName() + ".NOT_ENFORCED";

	/**
	 * The attribute of a request that the filter decided with the gateway route it is for: the route.
	 */
	static final String DECIDED_ROUTE = UpgradeRequiredFilter.class.getName() + ".DECIDED_ROUTE";

	private final RequestDecider decider;

	private final ServletRequestView view;

	private final ServletRefusalWriter writer;

	private final @Nullable ServletRoutes routes;

	UpgradeRequiredFilter(RequestDecider decider, ServletRequestView view, ServletRefusalWriter writer,
			@Nullable ServletRoutes routes) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
		this.routes = routes;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
			chain.doFilter(req, res);
			return;
		}
		Decision decision = this.decider.decide(request, this.view);
		if (decision == Decision.LOOK_UP) {
			if (!UnreadableTargets.isDecodable(request.getRequestURI())) {
				// Spring cannot decode the path to look its handler up (and would fail with a 500): nobody can tell
				// what the request is for.
				UnreadableTargets.reject(response);
				return;
			}
			decision = lookUp(request, response, this.view.targetOf(request));
		}
		if (decision instanceof Decision.Proceed proceed && proceed.anyHandler()) {
			proceedDecided(request, response, chain);
		}
		else if (decision instanceof Decision.Proceed proceed) {
			if (proceed.refusalNotEnforced()) {
				request.setAttribute(NOT_ENFORCED, Boolean.TRUE);
				this.writer.announce(proceed.announcement(), response);
			}
			// Decided for the handler the lookup found, or those the index found: the interceptor checks the one the
			// servlet chooses, which a later filter may change.
			chain.doFilter(request, response);
		}
		else if (decision instanceof Decision.Respond respond) {
			this.writer.write(respond.response(), response);
		}
	}

	// Another servlet's request (or the servlet is not initialized yet) has no handler of this one: the path rules
	// decide it.
	private Decision lookUp(HttpServletRequest request, HttpServletResponse response, @Nullable Target target) {
		LookupRequest lookup = (target != null) ? new LookupRequest(request, response, target) : null;
		HttpServletRequest decided = (lookup != null) ? lookup : request;
		Object handler;
		try {
			handler = (lookup != null) ? lookup.lookUp() : null;
		}
		catch (Exception ex) {
			Decision failure = this.decider.decideFailure(decided, this.view, ex, null);
			return (failure != null) ? failure : Decision.PROCEED;
		}
		// A gateway's handler serves every route: the request is decided with the route its lookup matched, which the
		// interceptor then knows to have been decided.
		Route route = (handler != null && this.routes != null) ? this.routes.routeOf(handler) : null;
		if (route != null) {
			request.setAttribute(DECIDED_ROUTE, route);
			return this.decider.decide(decided, this.view, route);
		}
		return this.decider.decide(decided, this.view, handler);
	}

	private static void proceedDecided(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		DECIDED.set(request);
		try {
			chain.doFilter(request, response);
		}
		finally {
			DECIDED.set(null);
		}
	}

	/**
	 * Whether this filter decided a request that is now being dispatched to a handler, whichever handler it is: the
	 * request it let through by its path, on the same thread, wrapped or not by the filters after it but with the
	 * path and method it decided.
	 * @param request the request as the servlet dispatches it
	 * @return whether the request was decided
	 */
	static boolean hasDecided(HttpServletRequest request) {
		HttpServletRequest original = DECIDED.get();
		if (original == null) {
			return false;
		}
		ServletRequest unwrapped = request;
		while (unwrapped != original && unwrapped instanceof ServletRequestWrapper wrapper) {
			unwrapped = wrapper.getRequest();
		}
		return unwrapped == original && request.getRequestURI().equals(original.getRequestURI())
				&& request.getMethod().equals(original.getMethod());
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

		private final HttpServletResponse response;

		private final Target target;

		private @Nullable HandlerExecutionChain chain;

		LookupRequest(HttpServletRequest request, HttpServletResponse response, Target target) {
			super(request);
			this.response = response;
			this.target = target;
			setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, target.context());
			if (target.parsesRequestPath()) {
				// The mappings then share one parsed path, as in the servlet.
				ServletRequestPathUtils.parseAndCache(this);
			}
		}

		// The handler the servlet would choose, as it looks it up.
		@Nullable Object lookUp() throws Exception {
			this.chain = this.target.lookup(this);
			return (this.chain != null) ? this.chain.getHandler() : null;
		}

		// Spring MVC processes CORS first for every request to a handler with a CORS configuration, one without an
		// Origin header included (it adds Vary headers): so does this filter before it writes a refusal.
		boolean processCors() {
			HandlerExecutionChain chain = this.chain;
			if (chain == null) {
				return true;
			}
			HttpServletRequest request = (HttpServletRequest) getRequest();
			for (HandlerInterceptor interceptor : chain.getInterceptorList()) {
				try {
					if (interceptor instanceof CorsConfigurationSource
							&& !interceptor.preHandle(request, this.response, chain.getHandler())) {
						return false;
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException("CORS processing failed", ex);
				}
			}
			return true;
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
