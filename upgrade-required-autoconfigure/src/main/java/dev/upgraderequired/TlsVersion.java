package dev.upgraderequired;

/**
 * TLS version that an endpoint can require as a minimum.
 *
 * @author upgrade-required
 * @since 0.1.0
 * @see RequiresProtocol#minTlsVersion()
 */
public enum TlsVersion {

	/**
	 * No minimum: any TLS version the server accepts.
	 */
	ANY("any", Integer.MIN_VALUE),

	/**
	 * TLS 1.2 (RFC 5246).
	 */
	TLS_1_2("1.2", 2),

	/**
	 * TLS 1.3 (RFC 8446).
	 */
	TLS_1_3("1.3", 3);

	private final String version;

	private final int minor;

	TlsVersion(String version, int minor) {
		this.version = version;
		this.minor = minor;
	}

	/**
	 * Return the version as written in configuration, such as {@code 1.3}; {@code any} for {@link #ANY}.
	 * @return the version
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Return the {@code Upgrade} token of this version, such as {@code TLS/1.3}.
	 * @return the upgrade token
	 * @throws IllegalStateException for {@link #ANY}, which names no version
	 */
	public String upgradeToken() {
		if (this == ANY) {
			throw new IllegalStateException("TlsVersion.ANY has no Upgrade token");
		}
		return "TLS/" + this.version;
	}

	/**
	 * Whether a negotiated protocol, as reported by a JSSE {@code SSLSession#getProtocol()} ({@code TLSv1.2},
	 * {@code TLSv1.3}, {@code SSLv3}...), is this version or later. A name that is not recognized (JSSE's
	 * {@code NONE}, say) satisfies no minimum: nothing shows it is recent enough. {@link #ANY} is satisfied by every
	 * protocol.
	 * @param negotiatedProtocol the negotiated protocol name
	 * @return whether the negotiated protocol satisfies this minimum
	 */
	public boolean isSatisfiedBy(String negotiatedProtocol) {
		if (this == ANY) {
			return true;
		}
		return rank(negotiatedProtocol) >= this.minor;
	}

	// The minor version of TLS 1.x (SSL below 0), or MIN_VALUE for a name that says nothing about the version.
	private static int rank(String negotiatedProtocol) {
		if (negotiatedProtocol.startsWith("SSL")) {
			return -1;
		}
		if (negotiatedProtocol.equals("TLSv1")) {
			return 0;
		}
		if (negotiatedProtocol.length() == 7 && negotiatedProtocol.startsWith("TLSv1.")) {
			char minor = negotiatedProtocol.charAt(6);
			if (minor >= '0' && minor <= '9') {
				return minor - '0';
			}
		}
		return Integer.MIN_VALUE;
	}

}
