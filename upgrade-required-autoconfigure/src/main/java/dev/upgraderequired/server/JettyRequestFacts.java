package dev.upgraderequired.server;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.io.EndPoint;
import org.jspecify.annotations.Nullable;

/**
 * Jetty: the TLS session of the connection is the {@link EndPoint.SslSessionData} request attribute that Jetty's
 * {@code SecureRequestCustomizer} sets (Boot adds it to every TLS connector), for HTTP/1.1 and for the streams of an
 * h2 connection alike. Jetty does not set the attribute that Tomcat exposes the protocol in.
 *
 * @author upgrade-required
 */
final class JettyRequestFacts extends ServletContainerRequestFacts {

	// Initialized on the first call of ServletContainerRequestFacts.jetty(): Tomcat applications need no Jetty classes.
	static final JettyRequestFacts INSTANCE = new JettyRequestFacts();

	private JettyRequestFacts() {
		super("Jetty");
	}

	@Override
	public @Nullable String tlsProtocol(HttpServletRequest request) {
		return (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData session)
				? session.sslSession().getProtocol() : null;
	}

}
