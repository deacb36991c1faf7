package dev.upgraderequired.sample;

import java.io.IOException;

import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Describes the connection of each request on the servlet stack (Tomcat or Jetty) with the facts the starter reads
 * for the container the sample runs in.
 *
 * @author upgrade-required
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
class ServletConnectionInfoFilter extends OncePerRequestFilter {

	private final @Nullable ServletContainerRequestFacts facts;

	ServletConnectionInfoFilter(ObjectProvider<ServletContainerRequestFacts> facts) {
		this.facts = facts.getIfAvailable();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(ConnectionInfo.ATTRIBUTE, describe(request));
		chain.doFilter(request, response);
	}

	// With upgrade-required.enabled=false only what the servlet API tells is known.
	private ConnectionInfo describe(HttpServletRequest request) {
		ServletContainerRequestFacts facts = this.facts;
		if (facts == null) {
			return ConnectionInfo.of(!"HTTP/2.0".equals(request.getProtocol()), request.isSecure(), null);
		}
		return ConnectionInfo.of(facts.isHttp1(request), facts.isSecure(request), facts.tlsProtocol(request));
	}

}
