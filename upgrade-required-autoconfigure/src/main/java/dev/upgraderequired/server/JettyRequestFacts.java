package dev.upgraderequired.server;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.io.EndPoint;
import org.jspecify.annotations.Nullable;

/**
 * Jetty: the TLS session of the connection is the {@link EndPoint.SslSessionData} request attribute that Jetty's
 * {@code SecureRequestCustomizer} sets (Boot adds it to every TLS connector), for HTTP/1.1 and for the streams of an
 * h2 connection alike. Jetty does not set the attribute that Tomcat exposes the protocol in.
 * <p>
 * Jetty's {@code isSecure()} is the scheme of the request's URI, which a client writes itself on a cleartext
 * connection (an absolute-form target, {@code :scheme} on an h2c stream), so a request is TLS when its connection
 * has a TLS session; {@code isSecure()} counts only where forwarding headers are trusted, and then says no more than a
 * forwarding header could.
 *
 * @author upgrade-required
 */
final class JettyRequestFacts implements ServletContainerRequestFacts {

	// Initialized on the first call of ServletContainerRequestFacts.jetty(): Tomcat applications need no Jetty classes.
	static final JettyRequestFacts DIRECT = new JettyRequestFacts(false);

	static final JettyRequestFacts BEHIND_PROXY = new JettyRequestFacts(true);

	private final boolean forwardedHeadersTrusted;

	private JettyRequestFacts(boolean forwardedHeadersTrusted) {
		this.forwardedHeadersTrusted = forwardedHeadersTrusted;
	}

	@Override
	public boolean isSecure(HttpServletRequest request) {
		// A TLS connection is TLS even for a target written with http: the connection decides, not the request.
		return session(request) != null || (this.forwardedHeadersTrusted && request.isSecure());
	}

	@Override
	public @Nullable String tlsProtocol(HttpServletRequest request) {
		EndPoint.SslSessionData session = session(request);
		return (session != null) ? session.sslSession().getProtocol() : null;
	}

	private static EndPoint.@Nullable SslSessionData session(HttpServletRequest request) {
		return (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData session)
				? session : null;
	}

	@Override
	public String toString() {
		return "Jetty";
	}

}
