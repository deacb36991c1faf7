package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A decision to refuse a request with {@code 426 Upgrade Required}: the reason, the {@code Upgrade} tokens in
 * descending preference, the headers to send per HTTP version and the problem {@code detail}.
 * <p>
 * Every possible rejection is computed once, when this class is initialized; deciding returns one of them, so
 * refusing a request allocates nothing here.
 *
 * @author upgrade-required
 * @since 0.1.0
 * @see UpgradeDecider
 */
public final class Rejection {

	/**
	 * The {@code Sec-WebSocket-Version} this library advertises (RFC 6455).
	 */
	public static final String WEBSOCKET_VERSION = "13";

	private static final int SECURITIES = 2;

	private static final int REASONS = UpgradeReason.values().length;

	private static final Rejection[] ALL;

	static {
		List<ProtocolRequirement> requirements = ProtocolRequirement.values();
		ALL = new Rejection[requirements.size() * REASONS * SECURITIES];
		for (ProtocolRequirement requirement : requirements) {
			for (UpgradeReason reason : UpgradeReason.values()) {
				for (int secure = 0; secure < SECURITIES; secure++) {
					int id = id(requirement, reason, secure == 1);
					ALL[id] = new Rejection(id, requirement, reason, secure == 1);
				}
			}
		}
	}

	private final int id;

	private final ProtocolRequirement requirement;

	private final UpgradeReason reason;

	private final List<String> upgradeTokens;

	private final List<Header> http1Headers;

	private final List<Header> http2Headers;

	private final String detail;

	private Rejection(int id, ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		this.id = id;
		this.requirement = requirement;
		this.reason = reason;
		this.upgradeTokens = List.copyOf(upgradeTokens(requirement, reason, secure));
		this.detail = detail(requirement, reason, secure);
		List<Header> common = new ArrayList<>(2);
		common.add(new Header(HttpHeaders.CACHE_CONTROL, "no-store"));
		if (reason == UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED) {
			common.add(new Header("Sec-WebSocket-Version", WEBSOCKET_VERSION));
		}
		List<Header> http1 = new ArrayList<>(4);
		http1.add(new Header(HttpHeaders.UPGRADE, String.join(", ", this.upgradeTokens)));
		http1.add(new Header(HttpHeaders.CONNECTION, "Upgrade"));
		http1.addAll(common);
		this.http1Headers = List.copyOf(http1);
		this.http2Headers = List.copyOf(common);
	}

	/**
	 * Return the rejection for a requirement that a request failed.
	 * @param requirement the endpoint's requirement
	 * @param reason the part of the requirement that was not met
	 * @param secure whether the request arrived over TLS
	 * @return the canonical rejection
	 */
	public static Rejection of(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		return ALL[id(requirement, reason, secure)];
	}

	/**
	 * Return how many distinct rejections exist; {@link #id()} is below this number.
	 * @return the number of rejections
	 */
	public static int count() {
		return ALL.length;
	}

	/**
	 * Return every rejection, in {@link #id()} order.
	 * @return all rejections
	 */
	public static List<Rejection> values() {
		return List.of(ALL);
	}

	private static int id(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		return (requirement.ordinal() * REASONS + reason.ordinal()) * SECURITIES + (secure ? 1 : 0);
	}

	private static List<String> upgradeTokens(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		List<String> tokens = new ArrayList<>(4);
		switch (reason) {
			case TLS_REQUIRED, TLS_VERSION_TOO_OLD -> {
				// RFC 2817 form: the TLS versions first, then the protocol to speak over TLS.
				for (TlsVersion version : requirement.acceptableTlsVersions()) {
					tokens.add(version.upgradeToken());
				}
				tokens.add(requirement.requiresHttp2() ? "HTTP/2.0" : "HTTP/1.1");
			}
			// Over TLS, HTTP/2 is negotiated with ALPN ("h2"), which is not an Upgrade token: name the protocol.
			case HTTP2_REQUIRED -> tokens.add(secure ? "HTTP/2.0" : "h2c");
			case WEBSOCKET_REQUIRED, WEBSOCKET_VERSION_UNSUPPORTED -> tokens.add("websocket");
		}
		return tokens;
	}

	private static String detail(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		TlsVersion min = requirement.minTlsVersion();
		String tls = (min != null) ? "TLS " + min.version() + " or later" : "TLS";
		String newest = requirement.acceptableTlsVersions().isEmpty() ? "" : requirement.acceptableTlsVersions().get(0).version();
		return switch (reason) {
			case TLS_REQUIRED -> "This resource is only served over " + tls + ". Repeat the request with https"
					+ (requirement.requiresHttp2() ? " and HTTP/2" : "") + ".";
			case TLS_VERSION_TOO_OLD -> "This resource is only served over " + tls
					+ ", but this connection negotiated an older TLS version. Reconnect with TLS " + newest
					+ " enabled in the client.";
			case HTTP2_REQUIRED -> secure
					? "This resource is only served over HTTP/2. Reconnect and negotiate HTTP/2 with ALPN (protocol 'h2')."
					: "This resource is only served over HTTP/2. Repeat the request over HTTP/2: upgrade with 'Upgrade: h2c', use HTTP/2 with prior knowledge, or use https with ALPN 'h2'.";
			case WEBSOCKET_REQUIRED -> "This resource is a WebSocket endpoint. Open it with a WebSocket handshake over HTTP/1.1 (RFC 6455): 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: "
					+ WEBSOCKET_VERSION + "'.";
			case WEBSOCKET_VERSION_UNSUPPORTED -> "This WebSocket endpoint only supports WebSocket version "
					+ WEBSOCKET_VERSION + ". Repeat the handshake with 'Sec-WebSocket-Version: " + WEBSOCKET_VERSION
					+ "'.";
		};
	}

	/**
	 * Return a dense identifier of this rejection, below {@link #count()}, for lookup tables.
	 * @return the identifier
	 */
	public int id() {
		return this.id;
	}

	/**
	 * Return the requirement that was not met.
	 * @return the requirement
	 */
	public ProtocolRequirement requirement() {
		return this.requirement;
	}

	/**
	 * Return the part of the requirement that was not met.
	 * @return the reason
	 */
	public UpgradeReason reason() {
		return this.reason;
	}

	/**
	 * Return the protocols to switch to, as registered {@code Upgrade} tokens in descending preference.
	 * @return the upgrade tokens
	 */
	public List<String> upgradeTokens() {
		return this.upgradeTokens;
	}

	/**
	 * Return the problem {@code detail}: what the client must do.
	 * @return the detail
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * Return the headers to send besides {@code Content-Type}. On HTTP/1.x they include {@code Upgrade} and
	 * {@code Connection: Upgrade}; on HTTP/2 and later neither, since connection-specific headers make an HTTP/2
	 * response malformed (RFC 9113 section 8.2.2).
	 * @param http1 whether the exchange is HTTP/1.x
	 * @return the headers
	 */
	public List<Header> headers(boolean http1) {
		return http1 ? this.http1Headers : this.http2Headers;
	}

	/**
	 * Whether the client should be told the equivalent {@code https} URL.
	 * @return whether the request has to move to TLS
	 */
	public boolean needsTls() {
		return this.reason == UpgradeReason.TLS_REQUIRED;
	}

	@Override
	public String toString() {
		return this.reason + " (requires " + this.requirement + ", upgrade " + this.upgradeTokens + ")";
	}

	/**
	 * A response header.
	 *
	 * @param name the header name
	 * @param value the header value
	 * @since 0.1.0
	 */
	public record Header(String name, String value) {
	}

}
