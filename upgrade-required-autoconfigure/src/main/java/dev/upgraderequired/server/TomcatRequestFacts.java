package dev.upgraderequired.server;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat: the negotiated TLS protocol is the {@value #SECURE_PROTOCOL_ATTRIBUTE} request attribute, for HTTP/1.1
 * and for the streams of an h2 connection alike.
 *
 * @author upgrade-required
 */
final class TomcatRequestFacts implements ServletContainerRequestFacts {

	/**
	 * Request attribute in which Tomcat exposes the negotiated TLS protocol, such as {@code TLSv1.3}.
	 */
	static final String SECURE_PROTOCOL_ATTRIBUTE = "jakarta.servlet.request.secure_protocol";

	static final TomcatRequestFacts INSTANCE = new TomcatRequestFacts();

	private TomcatRequestFacts() {
	}

	@Override
	public @Nullable String tlsProtocol(HttpServletRequest request) {
		return (request.getAttribute(SECURE_PROTOCOL_ATTRIBUTE) instanceof String protocol) ? protocol : null;
	}

	@Override
	public String toString() {
		return "Tomcat";
	}

}
