package dev.upgraderequired.client;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What a {@code 426 Upgrade Required} response tells its client: the protocols to switch to, the RFC 9457 problem
 * ({@code type}, {@code title}, {@code detail}, {@code upgrade}, {@code httpsUrl}) and {@code Sec-WebSocket-Version}.
 * Built from the response without ever failing: a malformed header member or body is left out.
 * <p>
 * The {@code Upgrade} header is only sent over HTTP/1.x (HTTP/2 forbids it): {@link #protocols()} falls back to the
 * problem's {@code upgrade} member, so that it is the same over every HTTP version.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequired {

	/**
	 * The status of the responses this describes.
	 */
	public static final int STATUS = 426;

	private final List<String> upgradeHeader;

	private final ProblemBody problem;

	private final @Nullable String webSocketVersion;

	private UpgradeRequired(List<String> upgradeHeader, ProblemBody problem, @Nullable String webSocketVersion) {
		this.upgradeHeader = List.copyOf(upgradeHeader);
		this.problem = problem;
		this.webSocketVersion = webSocketVersion;
	}

	/**
	 * Read a 426 response.
	 * @param headers the response headers
	 * @param body the response body, {@code null} or empty if there is none
	 * @return what the response tells
	 */
	public static UpgradeRequired of(HttpHeaders headers, byte @Nullable [] body) {
		String version = headers.getFirst("Sec-WebSocket-Version");
		return new UpgradeRequired(UpgradeTokens.parse(headers.get(HttpHeaders.UPGRADE)), ProblemBody.parse(body),
				(version != null) ? version.trim() : null);
	}

	/**
	 * Return the protocols to switch to, in the server's order of preference: those of the {@code Upgrade} header, or,
	 * without one (HTTP/2), those of the problem's {@code upgrade} member.
	 * @return the protocols, such as {@code [TLS/1.3, TLS/1.2, HTTP/1.1]}; empty if the response names none
	 */
	public List<String> protocols() {
		return this.upgradeHeader.isEmpty() ? upgrade() : this.upgradeHeader;
	}

	/**
	 * Whether the server offers a protocol, compared without regard to case, with or without a version: {@code tls}
	 * is offered by {@code TLS/1.3}.
	 * @param protocol the protocol, such as {@code TLS/1.3}, {@code h2c} or {@code websocket}
	 * @return whether one of {@link #protocols()} is that protocol
	 */
	public boolean offers(String protocol) {
		String wanted = protocol.trim().toLowerCase(Locale.ROOT);
		for (String offered : protocols()) {
			String candidate = offered.toLowerCase(Locale.ROOT);
			if (candidate.equals(wanted) || (wanted.indexOf('/') < 0 && candidate.startsWith(wanted + "/"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the parsed members of the {@code Upgrade} header.
	 * @return the protocols the header names, empty without a header (as over HTTP/2)
	 */
	public List<String> upgradeHeader() {
		return this.upgradeHeader;
	}

	/**
	 * Return the problem's {@code type}.
	 * @return the type URI as sent, {@code null} if absent
	 */
	public @Nullable String type() {
		return this.problem.string("type");
	}

	/**
	 * Return the problem's {@code title}.
	 * @return the title, {@code null} if absent
	 */
	public @Nullable String title() {
		return this.problem.string("title");
	}

	/**
	 * Return the problem's {@code detail}: what the client has to do, for a person to read.
	 * @return the detail, {@code null} if absent
	 */
	public @Nullable String detail() {
		return this.problem.string("detail");
	}

	/**
	 * Return the problem's {@code instance}.
	 * @return the instance, {@code null} if absent
	 */
	public @Nullable String instance() {
		return this.problem.string("instance");
	}

	/**
	 * Return the problem's {@code upgrade} member: the protocols to switch to, as the server would name them in its
	 * {@code Upgrade} header.
	 * @return the protocols, empty if absent
	 */
	public List<String> upgrade() {
		return this.problem.strings("upgrade");
	}

	/**
	 * Return where the request may be repeated over TLS, when the server knows it: the problem's {@code httpsUrl},
	 * if it is an absolute {@code https} URI. The client does not follow it by itself; a caller that trusts the server
	 * to name the URL repeats its request there.
	 * @return the URL, {@code null} if absent or not an absolute https URI
	 */
	public @Nullable URI httpsUrl() {
		String url = this.problem.string("httpsUrl");
		if (url == null) {
			return null;
		}
		try {
			URI uri = new URI(url);
			return ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) ? uri : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * Return the {@code Sec-WebSocket-Version} the server supports, when a WebSocket handshake asked for another.
	 * @return the version, such as {@code 13}, {@code null} if the response has none
	 */
	public @Nullable String webSocketVersion() {
		return this.webSocketVersion;
	}

	@Override
	public String toString() {
		String detail = detail();
		return "426 Upgrade Required: upgrade to " + protocols() + ((detail != null) ? " (" + detail + ")" : "");
	}

}
