package dev.upgraderequired.servlet;

import java.io.IOException;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders an {@link dev.upgraderequired.UpgradeRequiredException} thrown by a handler (controllers, WebSocket
 * endpoints and their handshake interceptors, handler interceptors), decided against the actual request; and
 * answers 426 instead of 405, 406 or 415 when Spring MVC refuses a request for a protected endpoint on its method,
 * {@code produces} or {@code consumes} condition. Ordered before Spring's and Boot's resolvers, so the response does
 * not depend on {@code spring.mvc.problemdetails.enabled} and never goes through {@code /error}.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final RequestDecider decider;

	private final ServletRequestView view;

	private final ServletRefusalWriter writer;

	UpgradeRequiredExceptionResolver(RequestDecider decider, ServletRequestView view, ServletRefusalWriter writer) {
		this.decider = decider;
		this.view = view;
		this.writer = writer;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		Decision.Respond decision = response.isCommitted() ? null
				: this.decider.decideFailure(request, this.view, ex, handler);
		if (decision == null) {
			return null;
		}
		try {
			this.writer.write(decision.response(), response);
		}
		catch (IOException failure) {
			// The client went away; there is nobody left to tell.
		}
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		// After Boot's DefaultErrorAttributes (which only records the exception), before everything else.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
