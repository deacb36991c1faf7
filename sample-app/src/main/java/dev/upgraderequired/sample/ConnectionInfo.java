package dev.upgraderequired.sample;

/**
 * What a request arrived on, as the sample's endpoints report it. Each web stack finds out its own way
 * ({@link ServletConnectionInfoFilter}, {@link ReactiveConnectionInfoFilter}) and stores the result in the
 * {@link #ATTRIBUTE} request attribute, so that one set of controllers serves both stacks.
 *
 * @param protocol the HTTP version, such as {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param secure whether the request came over HTTPS
 * @param tls the TLS protocol version, such as {@code TLSv1.3}, or {@link #NO_TLS}
 * @author upgrade-required
 */
record ConnectionInfo(String protocol, boolean secure, String tls) {

	static final String ATTRIBUTE = "dev.upgraderequired.sample.ConnectionInfo";

	static final String NO_TLS = "none";

}
