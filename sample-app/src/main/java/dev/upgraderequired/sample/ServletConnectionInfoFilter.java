package dev.upgraderequired.sample;

import java.io.IOException;

import dev.upgraderequired.servlet.ServletRequestFacts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Describes the connection of each request on the servlet stack: Tomcat reports {@code HTTP/2.0} for h2, h2c upgrade
 * and prior knowledge alike, and the TLS version where the starter reads it ({@link ServletRequestFacts}).
 *
 * @author upgrade-required
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
class ServletConnectionInfoFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(ConnectionInfo.ATTRIBUTE, describe(request));
		chain.doFilter(request, response);
	}

	private static ConnectionInfo describe(HttpServletRequest request) {
		String tls = ServletRequestFacts.INSTANCE.tlsProtocol(request);
		return new ConnectionInfo(request.getProtocol(), request.isSecure(),
				(tls != null) ? tls : ConnectionInfo.NO_TLS);
	}

}
