package dev.upgraderequired.servlet;

import java.io.IOException;

import dev.upgraderequired.core.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders an {@link dev.upgraderequired.UpgradeRequiredException} thrown by a handler (controllers, WebSocket
 * endpoints and their handshake interceptors, handler interceptors), decided against the actual request; and
 * answers 426 instead of 406 or 415 when Spring MVC refuses a request for a protected endpoint on its
 * {@code produces} or {@code consumes} condition. Ordered before Spring's and Boot's resolvers, so the response does
 * not depend on {@code spring.mvc.problemdetails.enabled} and never goes through {@code /error}.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final ServletRefusalWriter writer;

	private final MappedHandlerRequirements mappedRequirements;

	UpgradeRequiredExceptionResolver(ServletRefusalWriter writer, MappedHandlerRequirements mappedRequirements) {
		this.writer = writer;
		this.mappedRequirements = mappedRequirements;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		Refusal refusal = response.isCommitted() ? null : refusalFor(request, ex);
		if (refusal == null) {
			return null;
		}
		try {
			this.writer.write(refusal, handler, request, response);
		}
		catch (IOException failure) {
			// The client went away; there is nobody left to tell.
		}
		return new ModelAndView();
	}

	/**
	 * Decide whether a request that failed with an exception is to be refused.
	 * @param request the request
	 * @param ex the failure
	 * @return the refusal, {@code null} if the failure is not about the protocol
	 */
	@Nullable Refusal refusalFor(HttpServletRequest request, Exception ex) {
		return this.writer.policy()
			.decideFailure(ex, request.getRequestURI(), request.getContextPath(), request, this.writer.facts(),
					() -> this.mappedRequirements.forRequest(request),
					() -> this.mappedRequirements.forAnyMethod(request));
	}

	@Override
	public int getOrder() {
		// After Boot's DefaultErrorAttributes (which only records the exception), before everything else.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
