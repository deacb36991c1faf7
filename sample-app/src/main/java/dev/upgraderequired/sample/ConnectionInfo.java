package dev.upgraderequired.sample;

import org.jspecify.annotations.Nullable;

/**
 * What a request arrived on, as the sample's endpoints report it. Each web stack reads it where the starter does
 * ({@link ServletConnectionInfoFilter}, {@link ReactiveConnectionInfoFilter}) and stores the result in the
 * {@link #ATTRIBUTE} request attribute, so that one set of controllers serves both stacks on every server.
 *
 * @param protocol {@code HTTP/2.0} for a stream of an h2 or h2c connection, {@code HTTP/1.1} otherwise
 * @param secure whether the request came over HTTPS
 * @param tls the TLS protocol version, such as {@code TLSv1.3}, or {@link #NO_TLS}
 * @author upgrade-required
 */
record ConnectionInfo(String protocol, boolean secure, String tls) {

	static final String ATTRIBUTE = "dev.upgraderequired.sample.ConnectionInfo";

	static final String NO_TLS = "none";

	static ConnectionInfo of(boolean http1, boolean secure, @Nullable String tls) {
		return new ConnectionInfo(http1 ? "HTTP/1.1" : "HTTP/2.0", secure, (tls != null) ? tls : NO_TLS);
	}

}
