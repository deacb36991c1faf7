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
import org.springframework.http.HttpStatusCode;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Decides, in a gateway route's own filter function, what the route's filter requires where neither the early filter
 * nor the interceptor knew it (a filter the route's declaration does not show): the refusal, as a response of the
 * route, or nothing to go on.
 * <p>
 * For upgrade-required's own modules: {@code upgrade-required-gateway}'s {@code RequireProtocol} filter function
 * calls it.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class ServletRouteGuard {

	private final RequestDecider decider;

	private final ServletRequestView view;

	private final ServletRefusalWriter writer;

	ServletRouteGuard(RequestDecider decider, ServletRequestView view, ServletRefusalWriter writer) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
	}

	/**
	 * Decide a request with a route's requirement.
	 * @param request the request
	 * @param route the route, with what its filter requires
	 * @return the refusal to send, {@code null} if the request goes on
	 */
	public @Nullable ServerResponse refusal(HttpServletRequest request, Route route) {
		Decision decision = this.decider.decide(request, this.view, route);
		return (decision instanceof Decision.Respond respond) ? new Refusal(respond.response(), this.writer) : null;
	}

	// The response the refusal writer writes, as the route's response.
	private record Refusal(ResponsePlan plan, ServletRefusalWriter writer) implements ServerResponse {

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

}
