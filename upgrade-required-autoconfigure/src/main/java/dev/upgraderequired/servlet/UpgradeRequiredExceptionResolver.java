package dev.upgraderequired.servlet;

import java.io.IOException;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.UpgradeDecider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders an {@link dev.upgraderequired.UpgradeRequiredException} thrown by a handler (controllers, WebSocket
 * endpoints and their handshake interceptors, handler interceptors) exactly as {@link UpgradeRequiredInterceptor}
 * would: the requirement is decided against the actual request, so the headers suit its HTTP version. Ordered
 * before Spring's and Boot's resolvers, so the response does not depend on
 * {@code spring.mvc.problemdetails.enabled} and never goes through {@code /error}.
 * <p>
 * Also answers 426 instead of 406 or 415 when Spring MVC refuses a request for a protected endpoint on its
 * {@code produces} or {@code consumes} condition before the interceptor could see it: the client has to upgrade
 * first.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final ServletUpgradeResponseWriter writer;

	private final MappedHandlerRequirements mappedRequirements;

	private final EndpointRequirements requirements;

	private final RequestFacts<HttpServletRequest> facts;

	/**
	 * Create a resolver.
	 * @param writer writes refusals
	 * @param mappedRequirements the requirements of handler methods, for requests refused before mapping
	 * @param requirements the path rules, for requests refused before mapping
	 * @param facts reads what a request offers
	 */
	public UpgradeRequiredExceptionResolver(ServletUpgradeResponseWriter writer,
			MappedHandlerRequirements mappedRequirements, EndpointRequirements requirements,
			RequestFacts<HttpServletRequest> facts) {
		this.writer = writer;
		this.mappedRequirements = mappedRequirements;
		this.requirements = requirements;
		this.facts = facts;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		Rejection rejection = response.isCommitted() ? null : rejectionFor(request, ex);
		if (rejection == null) {
			return null;
		}
		try {
			this.writer.write(rejection, request, response);
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
	 * @return the rejection, {@code null} if the failure is not about the protocol
	 */
	@Nullable Rejection rejectionFor(HttpServletRequest request, Exception ex) {
		Rejection rejection = UpgradeDecider.decideFailure(ex, request, this.facts);
		boolean mediaTypeRefused = ex instanceof HttpMediaTypeNotAcceptableException
				|| ex instanceof HttpMediaTypeNotSupportedException;
		if (rejection == null && mediaTypeRefused) {
			ProtocolRequirement requirement = this.requirements.withPathRules(
					this.mappedRequirements.forRequest(request), request.getRequestURI(), request.getContextPath());
			rejection = UpgradeDecider.decide(requirement, request, this.facts);
		}
		return rejection;
	}

	@Override
	public int getOrder() {
		// After Boot's DefaultErrorAttributes (which only records the exception), before everything else.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
