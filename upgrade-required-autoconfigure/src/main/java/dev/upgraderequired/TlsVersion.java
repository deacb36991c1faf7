package dev.upgraderequired;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * TLS version that an endpoint can require as a minimum.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public enum TlsVersion {

	/**
	 * TLS 1.2 (RFC 5246).
	 */
	TLS_1_2("1.2", 2),

	/**
	 * TLS 1.3 (RFC 8446).
	 */
	TLS_1_3("1.3", 3);

	/**
	 * Rank of a negotiated protocol name that says nothing about the TLS version.
	 */
	static final int UNKNOWN = Integer.MIN_VALUE;

	private final String version;

	private final int minor;

	TlsVersion(String version, int minor) {
		this.version = version;
		this.minor = minor;
	}

	/**
	 * Return the version as written in configuration and in {@code Upgrade} tokens.
	 * @return the version, such as {@code 1.3}
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Return the {@code Upgrade} token of this version, such as {@code TLS/1.3}.
	 * @return the upgrade token
	 */
	public String upgradeToken() {
		return "TLS/" + this.version;
	}

	/**
	 * Whether a negotiated protocol, as reported by a JSSE {@code SSLSession#getProtocol()} ({@code TLSv1.2},
	 * {@code TLSv1.3}, {@code SSLv3}...), is this version or later. A name that is not recognized is treated as
	 * satisfying the minimum, since nothing can be concluded from it.
	 * @param negotiatedProtocol the negotiated protocol name
	 * @return whether the negotiated protocol satisfies this minimum
	 */
	public boolean isSatisfiedBy(String negotiatedProtocol) {
		int rank = rank(negotiatedProtocol);
		return rank == UNKNOWN || rank >= this.minor;
	}

	static int rank(String negotiatedProtocol) {
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
		return UNKNOWN;
	}

	/**
	 * Parse a configured minimum version: {@code 1.2} or {@code 1.3}, optionally prefixed with {@code TLS},
	 * {@code TLSv} or {@code TLS/}.
	 * @param value the configured value
	 * @return the version, or {@code null} if the value names none of the supported versions
	 */
	public static @Nullable TlsVersion parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String version = value.trim();
		for (String prefix : new String[] { "TLSv", "TLS/", "TLS" }) {
			if (version.regionMatches(true, 0, prefix, 0, prefix.length())) {
				version = version.substring(prefix.length()).trim();
				break;
			}
		}
		for (TlsVersion candidate : values()) {
			if (candidate.version.equals(version)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Return the supported values, for messages.
	 * @return the supported values, comma separated
	 */
	public static String supportedValues() {
		return Arrays.stream(values()).map(TlsVersion::version).collect(Collectors.joining(", "));
	}

}
