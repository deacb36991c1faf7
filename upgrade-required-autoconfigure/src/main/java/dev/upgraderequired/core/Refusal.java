package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A decision to refuse a request: {@code 426 Upgrade Required} for a requirement the request does not meet, with
 * the reason, the {@code Upgrade} tokens in descending preference, the headers per HTTP version and the problem
 * {@code detail}; or {@code 500 Internal Server Error} for an {@link dev.upgraderequired.UpgradeRequiredException}
 * thrown for a request that already meets its requirement, which must not be told to upgrade to what it uses.
 * <p>
 * Every possible refusal is computed once, when this class is initialized; deciding returns one of them, so
 * refusing a request allocates nothing here.
 *
 * @author upgrade-required
 * @since 0.1.0
 * @see RequestDecider
 */
final class Refusal {

	/**
	 * The {@code Sec-WebSocket-Version} this library advertises (RFC 6455).
	 */
	static final String WEBSOCKET_VERSION = "13";

	private static final int SECURITIES = 2;

	private static final int REASONS = UpgradeReason.values().length;

	private static final List<ProtocolRequirement> REQUIREMENTS = ProtocolRequirement.values();

	private static final Refusal[] ALL;

	static {
		// One 426 per requirement, reason, security and whether an exception declared it, then one 500 per
		// requirement.
		ALL = new Refusal[REQUIREMENTS.size() * (REASONS * SECURITIES * 2 + 1)];
		for (ProtocolRequirement requirement : REQUIREMENTS) {
			for (UpgradeReason reason : UpgradeReason.values()) {
				for (int secure = 0; secure < SECURITIES; secure++) {
					for (int thrown = 0; thrown < 2; thrown++) {
						int id = id(requirement, reason, secure == 1, thrown == 1);
						ALL[id] = new Refusal(id, requirement, reason, secure == 1, thrown == 1);
					}
				}
			}
			int id = alreadyMetId(requirement);
			ALL[id] = new Refusal(id, requirement, null, true, true);
		}
	}

	private final int id;

	private final ProtocolRequirement requirement;

	private final @Nullable UpgradeReason reason;

	private final boolean thrown;

	private final List<String> upgradeTokens;

	private final List<ResponsePlan.Header> http1Headers;

	private final List<ResponsePlan.Header> http1CloseHeaders;

	private final List<ResponsePlan.Header> http2Headers;

	private final List<ResponsePlan.Header> advertisement;

	private final String detail;

	private Refusal(int id, ProtocolRequirement requirement, @Nullable UpgradeReason reason, boolean secure,
			boolean thrown) {
		this.id = id;
		this.requirement = requirement;
		this.reason = reason;
		this.thrown = thrown;
		this.upgradeTokens = (reason != null) ? upgradeTokens(requirement, reason, secure) : List.of();
		this.detail = (reason != null) ? detail(requirement, reason, secure)
				: "The application required " + requirement + " for this request, which already uses it, and "
						+ "refused it for another reason.";
		List<ResponsePlan.Header> common = new ArrayList<>(2);
		common.add(ResponsePlan.NO_STORE);
		if (reason == UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED) {
			common.add(new ResponsePlan.Header("Sec-WebSocket-Version", WEBSOCKET_VERSION));
		}
		List<ResponsePlan.Header> http1 = new ArrayList<>(4);
		List<ResponsePlan.Header> http1Close = new ArrayList<>(4);
		if (reason != null) {
			ResponsePlan.Header upgrade = new ResponsePlan.Header(HttpHeaders.UPGRADE,
					String.join(", ", this.upgradeTokens));
			ResponsePlan.Header connection = new ResponsePlan.Header(HttpHeaders.CONNECTION, "Upgrade");
			this.advertisement = List.of(upgrade, connection);
			http1.add(upgrade);
			http1.add(connection);
			http1Close.add(upgrade);
			http1Close.add(new ResponsePlan.Header(HttpHeaders.CONNECTION, "Upgrade, close"));
		}
		else {
			this.advertisement = List.of();
			http1Close.add(ResponsePlan.CONNECTION_CLOSE);
		}
		http1.addAll(common);
		http1Close.addAll(common);
		this.http1Headers = List.copyOf(http1);
		this.http1CloseHeaders = List.copyOf(http1Close);
		this.http2Headers = List.copyOf(common);
	}

	/**
	 * Return the 426 refusal for a requirement that a request failed.
	 * @param requirement the endpoint's requirement
	 * @param reason the part of the requirement that was not met
	 * @param secure whether the request arrived over TLS
	 * @return the canonical refusal
	 */
	static Refusal of(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		return ALL[id(requirement, reason, secure, false)];
	}

	/**
	 * Return the same refusal, declared by a thrown {@link dev.upgraderequired.UpgradeRequiredException}.
	 * @return the canonical refusal
	 */
	Refusal asThrown() {
		// The thrown variant of a 426 is the next id (see id(...)); a 500 is an exception's already.
		return (this.reason != null) ? ALL[this.id | 1] : this;
	}

	/**
	 * Return the 500 refusal for an exception that required what the request already offers.
	 * @param requirement the requirement of the exception
	 * @return the canonical refusal
	 */
	static Refusal alreadyMet(ProtocolRequirement requirement) {
		return ALL[alreadyMetId(requirement)];
	}

	static int count() {
		return ALL.length;
	}

	static List<Refusal> values() {
		return List.of(ALL);
	}

	private static int id(ProtocolRequirement requirement, UpgradeReason reason, boolean secure, boolean thrown) {
		return ((requirement.ordinal() * REASONS + reason.ordinal()) * SECURITIES + (secure ? 1 : 0)) * 2
				+ (thrown ? 1 : 0);
	}

	private static int alreadyMetId(ProtocolRequirement requirement) {
		return REQUIREMENTS.size() * REASONS * SECURITIES * 2 + requirement.ordinal();
	}

	private static List<String> upgradeTokens(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		return switch (reason) {
			case TLS_REQUIRED, TLS_VERSION_TOO_OLD -> requirement.upgradeTokens();
			// Over TLS, HTTP/2 is negotiated with ALPN ("h2"), which is not an Upgrade token: name the protocol.
			case HTTP2_REQUIRED -> secure ? List.of("HTTP/2.0") : ProtocolRequirement.http2().upgradeTokens();
			case WEBSOCKET_REQUIRED, WEBSOCKET_VERSION_UNSUPPORTED -> ProtocolRequirement.websocket().upgradeTokens();
		};
	}

	private static String detail(ProtocolRequirement requirement, UpgradeReason reason, boolean secure) {
		TlsVersion min = requirement.minTlsVersion();
		String tls = (min != TlsVersion.ANY) ? "TLS " + min.version() + " or later" : "TLS";
		List<TlsVersion> acceptable = requirement.acceptableTlsVersions();
		String newest = acceptable.isEmpty() ? "" : acceptable.get(0).version();
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

	int id() {
		return this.id;
	}

	/**
	 * Return the requirement that was not met, or that a thrown exception declared.
	 * @return the requirement
	 */
	ProtocolRequirement requirement() {
		return this.requirement;
	}

	/**
	 * Return the part of the requirement that was not met.
	 * @return the reason, {@code null} for the 500 of an exception whose requirement the request meets
	 */
	@Nullable UpgradeReason reason() {
		return this.reason;
	}

	/**
	 * Whether a thrown {@link dev.upgraderequired.UpgradeRequiredException} declared the requirement, rather than
	 * the endpoint.
	 * @return whether the refusal is an exception's
	 */
	boolean thrown() {
		return this.thrown;
	}

	/**
	 * Return the status of the response.
	 * @return 426, or 500 for an exception whose requirement the request meets
	 */
	int status() {
		return (this.reason != null) ? HttpStatus.UPGRADE_REQUIRED.value() : HttpStatus.INTERNAL_SERVER_ERROR.value();
	}

	/**
	 * Return the headers that advertise, in a response served over HTTP/1.x, what this refusal would ask a client to
	 * upgrade to (RFC 9110 §7.8): {@code Upgrade} with its tokens, and the {@code Upgrade} connection option.
	 * @return the headers, empty for the 500 of an exception
	 */
	List<ResponsePlan.Header> advertisement() {
		return this.advertisement;
	}

	List<String> upgradeTokens() {
		return this.upgradeTokens;
	}

	String detail() {
		return this.detail;
	}

	// On HTTP/1.x with Upgrade and Connection: Upgrade (and close, when the connection is closed after the
	// response); on HTTP/2 and later neither, since connection-specific headers make an HTTP/2 response malformed
	// (RFC 9113 section 8.2.2).
	List<ResponsePlan.Header> headers(boolean http1, boolean close) {
		return !http1 ? this.http2Headers : close ? this.http1CloseHeaders : this.http1Headers;
	}

	// Whether the client should be told the equivalent https URL.
	boolean needsTls() {
		return this.reason == UpgradeReason.TLS_REQUIRED;
	}

	// Whether TLS is all the request lacks: the same request over TLS would meet the requirement, whatever TLS
	// version the client then negotiates (a client that offers only older ones is refused over TLS).
	boolean needsOnlyTls(boolean http1) {
		return needsTls() && !this.requirement.requiresWebSocket() && !(http1 && this.requirement.requiresHttp2());
	}

	@Override
	public String toString() {
		return (this.reason != null)
				? this.reason + " (requires " + this.requirement + ", upgrade " + this.upgradeTokens + ")"
				: "500 (requirement " + this.requirement + " already met)";
	}

}
