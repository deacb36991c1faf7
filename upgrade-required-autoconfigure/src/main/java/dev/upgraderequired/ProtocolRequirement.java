package dev.upgraderequired;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;


/**
 * What an endpoint requires of the request that reaches it: TLS (optionally with a minimum version), HTTP/2,
 * a WebSocket handshake, any combination of them, or nothing.
 * <p>
 * Instances are canonical: there is exactly one instance per combination, so requirements can be compared with
 * {@code ==}, combined with {@link #and(ProtocolRequirement)} and used as keys without allocating.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ProtocolRequirement {

	// Index layout: tls level (0 none, 1 any version, 2 at least 1.2, 3 at least 1.3) * 4 + http2 * 2 + websocket
	private static final ProtocolRequirement[] ALL = new ProtocolRequirement[16];

	static {
		for (int i = 0; i < ALL.length; i++) {
			ALL[i] = new ProtocolRequirement(i);
		}
	}

	private static final List<ProtocolRequirement> VALUES = List.of(ALL);

	private final int index;

	private ProtocolRequirement(int index) {
		this.index = index;
	}

	/**
	 * Return the requirement of an endpoint that accepts any protocol.
	 * @return the empty requirement
	 */
	public static ProtocolRequirement none() {
		return ALL[0];
	}

	/**
	 * Return a requirement for TLS in any version.
	 * @return the requirement
	 */
	public static ProtocolRequirement tls() {
		return ALL[4];
	}

	/**
	 * Return a requirement for TLS in at least the given version.
	 * @param minVersion the minimum version, {@link TlsVersion#ANY} for none
	 * @return the requirement
	 */
	public static ProtocolRequirement tls(TlsVersion minVersion) {
		return ALL[tlsLevel(minVersion) * 4];
	}

	/**
	 * Return a requirement for HTTP/2 or later.
	 * @return the requirement
	 */
	public static ProtocolRequirement http2() {
		return ALL[2];
	}

	/**
	 * Return a requirement for a WebSocket handshake.
	 * @return the requirement
	 */
	public static ProtocolRequirement websocket() {
		return ALL[1];
	}

	/**
	 * Return the requirement for a protocol.
	 * @param protocol the protocol
	 * @param minTlsVersion the minimum TLS version, only allowed with {@link Protocol#TLS}; {@link TlsVersion#ANY}
	 * for none
	 * @return the requirement
	 * @throws IllegalArgumentException if a minimum TLS version is given for another protocol
	 */
	public static ProtocolRequirement of(Protocol protocol, TlsVersion minTlsVersion) {
		if (minTlsVersion != TlsVersion.ANY && protocol != Protocol.TLS) {
			throw new IllegalArgumentException("A minimum TLS version is only allowed with protocol TLS, not " + protocol);
		}
		return switch (protocol) {
			case TLS -> tls(minTlsVersion);
			case HTTP_2 -> http2();
			case WEBSOCKET -> websocket();
		};
	}

	/**
	 * Return every canonical requirement, {@link #none()} first.
	 * @return all requirements
	 */
	public static List<ProtocolRequirement> values() {
		return VALUES;
	}

	/**
	 * Return a requirement that is satisfied only when both this one and the other one are: the stricter TLS
	 * requirement of the two, plus HTTP/2 and WebSocket if either requires them.
	 * @param other the other requirement
	 * @return the combined requirement
	 */
	public ProtocolRequirement and(ProtocolRequirement other) {
		int tls = Math.max(this.index >> 2, other.index >> 2);
		return ALL[(tls << 2) | (this.index & 3) | (other.index & 3)];
	}

	/**
	 * Whether this requirement accepts any request.
	 * @return whether nothing is required
	 */
	public boolean isNone() {
		return this.index == 0;
	}

	/**
	 * Whether TLS is required.
	 * @return whether TLS is required
	 */
	public boolean requiresTls() {
		return (this.index >> 2) != 0;
	}

	/**
	 * Return the minimum TLS version.
	 * @return the minimum version, {@link TlsVersion#ANY} if TLS is not required or required in any version
	 */
	public TlsVersion minTlsVersion() {
		return switch (this.index >> 2) {
			case 2 -> TlsVersion.TLS_1_2;
			case 3 -> TlsVersion.TLS_1_3;
			default -> TlsVersion.ANY;
		};
	}

	/**
	 * Whether HTTP/2 or later is required.
	 * @return whether HTTP/2 is required
	 */
	public boolean requiresHttp2() {
		return (this.index & 2) != 0;
	}

	/**
	 * Whether a WebSocket handshake is required.
	 * @return whether WebSocket is required
	 */
	public boolean requiresWebSocket() {
		return (this.index & 1) != 0;
	}

	/**
	 * Return the TLS versions acceptable to this requirement, newest first; empty if TLS is not required.
	 * Versions older than 1.2 are never advertised (RFC 8996).
	 * @return the acceptable versions
	 */
	public List<TlsVersion> acceptableTlsVersions() {
		if (!requiresTls()) {
			return Collections.emptyList();
		}
		TlsVersion min = minTlsVersion();
		List<TlsVersion> versions = new ArrayList<>();
		TlsVersion[] all = TlsVersion.values();
		for (int i = all.length - 1; i >= 0; i--) {
			if (all[i] != TlsVersion.ANY && all[i].compareTo(min) >= 0) {
				versions.add(all[i]);
			}
		}
		return Collections.unmodifiableList(versions);
	}

	/**
	 * Return the protocols that a cleartext HTTP/1.1 request that offers none of the required ones has to switch to,
	 * as registered {@code Upgrade} tokens in descending preference: for TLS the acceptable TLS versions then the
	 * protocol to speak over TLS (RFC 2817 form, such as {@code TLS/1.3, TLS/1.2, HTTP/1.1}), else {@code h2c} for
	 * HTTP/2, else {@code websocket}.
	 * @return the upgrade tokens, empty for {@link #none()}
	 */
	public List<String> upgradeTokens() {
		List<String> tokens = new ArrayList<>(4);
		if (requiresTls()) {
			for (TlsVersion version : acceptableTlsVersions()) {
				tokens.add(version.upgradeToken());
			}
			tokens.add(requiresHttp2() ? "HTTP/2.0" : "HTTP/1.1");
		}
		else if (requiresHttp2()) {
			tokens.add("h2c");
		}
		else if (requiresWebSocket()) {
			tokens.add("websocket");
		}
		return Collections.unmodifiableList(tokens);
	}

	/**
	 * Return a stable ordinal of this requirement in {@link #values()}.
	 * @return the ordinal
	 */
	public int ordinal() {
		return this.index;
	}

	private static int tlsLevel(TlsVersion version) {
		return switch (version) {
			case ANY -> 1;
			case TLS_1_2 -> 2;
			case TLS_1_3 -> 3;
		};
	}

	@Override
	public String toString() {
		if (isNone()) {
			return "none";
		}
		List<String> parts = new ArrayList<>(3);
		if (requiresTls()) {
			TlsVersion min = minTlsVersion();
			parts.add((min != TlsVersion.ANY) ? "TLS " + min.version() + " or later" : "TLS");
		}
		if (requiresHttp2()) {
			parts.add("HTTP/2");
		}
		if (requiresWebSocket()) {
			parts.add("WebSocket");
		}
		return String.join(" and ", parts);
	}

}
