package dev.upgraderequired.servlet;

import java.io.IOException;

import dev.upgraderequired.UpgradeRequiredException;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.UpgradeDecider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders an {@link UpgradeRequiredException} thrown by any handler (controllers, WebSocket endpoints,
 * interceptors) exactly as {@link UpgradeRequiredInterceptor} would: the requirement is decided against the
 * actual request, so the headers suit its HTTP version. Ordered before Spring's and Boot's resolvers, so the
 * response does not depend on {@code spring.mvc.problemdetails.enabled} and never goes through {@code /error}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final ServletUpgradeResponseWriter writer;

	/**
	 * Create a resolver.
	 * @param writer writes refusals
	 */
	public UpgradeRequiredExceptionResolver(ServletUpgradeResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!(ex instanceof UpgradeRequiredException upgradeRequired) || response.isCommitted()) {
			return null;
		}
		Rejection rejection = UpgradeDecider.decide(upgradeRequired.getRequirement(), request,
				ServletRequestFacts.INSTANCE);
		try {
			this.writer.write((rejection != null) ? rejection : upgradeRequired.getRejection(), request, response);
		}
		catch (IOException ex2) {
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
