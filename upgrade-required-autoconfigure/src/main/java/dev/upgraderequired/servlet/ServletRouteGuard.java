package dev.upgraderequired.servlet;

import java.io.IOException;
import java.util.List;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.ResponsePlan;
import dev.upgraderequired.core.Route;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Decides, in a gateway route's own filter function, what the route's filter requires where neither the early filter
 * nor the interceptor knew it (a filter the route's declaration does not show), as the interceptor decides a handler:
 * the refusal as the route's response, or the route's response with what the decision adds to it
 * ({@code Strict-Transport-Security}, the announcement of a date).
 * <p>
 * For upgrade-required's own modules: {@code upgrade-required-gateway}'s {@code RequireProtocol} filter function
 * calls it.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class ServletRouteGuard {

	private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private final RequestDecider decider;

	private final ServletRequestView view;

	private final ServletRefusalWriter writer;

	ServletRouteGuard(RequestDecider decider, ServletRequestView view, ServletRefusalWriter writer) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
	}

	/**
	 * Refuse a request that does not meet what a route (or a path rule) requires; else go on.
	 * @param request the request
	 * @param route the route, with what its filter requires
	 * @param next the rest of the route's filters and the proxying
	 * @return the refusal, or the response of {@code next}
	 * @throws Exception if {@code next} fails
	 */
	public ServerResponse filter(ServerRequest request, Route route, HandlerFunction<ServerResponse> next)
			throws Exception {
		HttpServletRequest servletRequest = request.servletRequest();
		// The early filter or the interceptor told the observers of a request served although a requirement not
		// enforced would refuse it.
		Decision decision = this.decider.decide(servletRequest, this.view, route,
				servletRequest.getAttribute(UpgradeRequiredFilter.NOT_ENFORCED) == null);
		if (decision instanceof Decision.Proceed proceed) {
			if (proceed.refusalNotEnforced()) {
				servletRequest.setAttribute(UpgradeRequiredFilter.NOT_ENFORCED, Boolean.TRUE);
			}
			ServerResponse response = next.handle(request);
			return (proceed.announcement().isEmpty() && proceed.strictTransportSecurity() == null) ? response
					: new Served(response, proceed, this.writer);
		}
		if (decision instanceof Decision.Respond respond) {
			return new Refused(respond.response(), this.writer);
		}
		// Rejected by CORS processing, with its 403.
		return ServerResponse.status(HttpStatus.FORBIDDEN).build();
	}

	// The response the refusal writer writes, as the route's response.
	private record Refused(ResponsePlan plan, ServletRefusalWriter writer) implements ServerResponse {

		@Override
		public HttpStatusCode statusCode() {
			return HttpStatusCode.valueOf(this.plan.status());
		}

		@Override
		public HttpHeaders headers() {
			HttpHeaders headers = new HttpHeaders();
			List<ResponsePlan.Header> planned = this.plan.headers();
			planned.forEach((header) -> headers.add(header.name(), header.value()));
			return headers;
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		public @Nullable ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response,
				Context context) throws ServletException, IOException {
			this.writer.write(this.plan, response);
			return null;
		}

	}

	// The route's response, with Strict-Transport-Security and the announcement written first.
	private record Served(ServerResponse response, Decision.Proceed proceed,
			ServletRefusalWriter writer) implements ServerResponse {

		@Override
		public HttpStatusCode statusCode() {
			return this.response.statusCode();
		}

		@Override
		public HttpHeaders headers() {
			return this.response.headers();
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return this.response.cookies();
		}

		@Override
		public @Nullable ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response,
				Context context) throws ServletException, IOException {
			String hsts = this.proceed.strictTransportSecurity();
			if (hsts != null && !response.containsHeader(STRICT_TRANSPORT_SECURITY)) {
				response.setHeader(STRICT_TRANSPORT_SECURITY, hsts);
			}
			this.writer.announce(this.proceed.announcement(), response);
			return this.response.writeTo(request, response, context);
		}

	}

}
