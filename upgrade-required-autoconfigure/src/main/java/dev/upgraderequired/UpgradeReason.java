package dev.upgraderequired;

/**
 * Why a request was refused with 426.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public enum UpgradeReason {

	/**
	 * TLS is required and the request arrived on cleartext.
	 */
	TLS_REQUIRED("tls-required"),

	/**
	 * TLS arrived, but in a version older than the required minimum.
	 */
	TLS_VERSION_TOO_OLD("tls-version-too-old"),

	/**
	 * HTTP/2 is required and the request arrived on HTTP/1.x.
	 */
	HTTP2_REQUIRED("http2-required"),

	/**
	 * A WebSocket handshake is required and the request is not one.
	 */
	WEBSOCKET_REQUIRED("websocket-required"),

	/**
	 * A WebSocket handshake asked for a version other than 13.
	 */
	WEBSOCKET_VERSION_UNSUPPORTED("websocket-version-unsupported");

	private final String slug;

	UpgradeReason(String slug) {
		this.slug = slug;
	}

	/**
	 * Return the last path segment of the problem {@code type} for this reason, when a type base URI is set.
	 * @return the slug, such as {@code tls-required}
	 */
	public String slug() {
		return this.slug;
	}

}
