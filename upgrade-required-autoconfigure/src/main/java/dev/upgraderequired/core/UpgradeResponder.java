package dev.upgraderequired.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Renders the RFC 9457 {@code application/problem+json} body of a {@link Rejection}. The parts of the body that
 * do not depend on the request are serialized once per rejection; per request only the {@code instance} and the
 * {@code httpsUrl} are escaped and appended.
 * <p>
 * Members: {@code type}, {@code title} ({@code Upgrade Required}), {@code status} (426), {@code detail} (what the
 * client must do), {@code instance} (the request path), {@code upgrade} (the protocols to switch to, as in the
 * {@code Upgrade} header, which HTTP/2 responses cannot carry) and, when TLS is missing and the HTTPS port is
 * known, {@code httpsUrl}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class UpgradeResponder {

	/**
	 * The media type of the body.
	 */
	public static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * The status code of every response.
	 */
	public static final int STATUS = HttpStatus.UPGRADE_REQUIRED.value();

	/**
	 * Headers that describe what a handler was about to send rather than the problem, removed from a refusal that
	 * replaces a response a handler had started ({@code Content-Encoding}, {@code ETag}...).
	 */
	public static final List<String> REPRESENTATION_HEADERS = List.of(HttpHeaders.CONTENT_ENCODING,
			HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_RANGE, HttpHeaders.ETAG,
			HttpHeaders.LAST_MODIFIED);

	private static final String TITLE = HttpStatus.UPGRADE_REQUIRED.getReasonPhrase();

	private final IntSupplier httpsPort;

	private final URI[] types;

	private final String[] prefixes;

	private final String[] suffixes;

	/**
	 * Create a responder that gives no {@code httpsUrl}.
	 * @param typeBase base URI of the problem {@code type}, to which the reason's slug is appended; {@code null}
	 * for {@code about:blank}
	 */
	public UpgradeResponder(@Nullable String typeBase) {
		this(typeBase, () -> -1);
	}

	/**
	 * Create a responder.
	 * @param typeBase base URI of the problem {@code type}, to which the reason's slug is appended; {@code null}
	 * for {@code about:blank}
	 * @param httpsPort supplies the port of the HTTPS connector, or a value below 1 while it is unknown
	 */
	public UpgradeResponder(@Nullable String typeBase, IntSupplier httpsPort) {
		String base = (typeBase != null && !typeBase.endsWith("/")) ? typeBase + "/" : typeBase;
		this.httpsPort = httpsPort;
		this.types = new URI[Rejection.count()];
		this.prefixes = new String[Rejection.count()];
		this.suffixes = new String[Rejection.count()];
		for (Rejection rejection : Rejection.values()) {
			URI type = (base != null) ? URI.create(base + rejection.reason().slug())
					: URI.create("about:blank");
			this.types[rejection.id()] = type;
			StringBuilder prefix = new StringBuilder(256).append("{\"type\":");
			appendString(prefix, type.toString());
			prefix.append(",\"title\":");
			appendString(prefix, TITLE);
			prefix.append(",\"status\":").append(STATUS).append(",\"detail\":");
			appendString(prefix, rejection.detail());
			this.prefixes[rejection.id()] = prefix.toString();
			StringBuilder suffix = new StringBuilder(64).append(",\"upgrade\":[");
			List<String> tokens = rejection.upgradeTokens();
			for (int i = 0; i < tokens.size(); i++) {
				if (i > 0) {
					suffix.append(',');
				}
				appendString(suffix, tokens.get(i));
			}
			this.suffixes[rejection.id()] = suffix.append(']').toString();
		}
	}

	/**
	 * Return the problem {@code type} of a rejection.
	 * @param rejection the rejection
	 * @return the type URI
	 */
	public URI type(Rejection rejection) {
		return this.types[rejection.id()];
	}

	/**
	 * Return the {@code https} URL equivalent to a request that has to move to TLS, if the HTTPS port is known.
	 * @param rejection the rejection
	 * @param host the host the client addressed, without port
	 * @param path the raw (still encoded) request path
	 * @param query the raw query string or {@code null}
	 * @return the URL or {@code null}
	 */
	public @Nullable String httpsUrl(Rejection rejection, String host, String path, @Nullable String query) {
		int port = rejection.needsTls() ? this.httpsPort.getAsInt() : -1;
		if (port < 1) {
			return null;
		}
		StringBuilder url = new StringBuilder(host.length() + path.length() + 16).append("https://");
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			url.append('[').append(host).append(']');
		}
		else {
			url.append(host);
		}
		if (port != 443) {
			url.append(':').append(port);
		}
		url.append(path);
		if (query != null) {
			url.append('?').append(query);
		}
		return url.toString();
	}

	/**
	 * Render the body of a rejection as JSON. Characters outside ASCII are escaped, so the bytes are the same in
	 * UTF-8 and in any ASCII-compatible encoding.
	 * @param rejection the rejection
	 * @param instance the {@code instance} member, normally the request path, or {@code null}
	 * @param httpsUrl the {@code httpsUrl} member or {@code null}
	 * @return the body
	 */
	public byte[] body(Rejection rejection, @Nullable String instance, @Nullable String httpsUrl) {
		String prefix = this.prefixes[rejection.id()];
		String suffix = this.suffixes[rejection.id()];
		StringBuilder json = new StringBuilder(prefix.length() + suffix.length() + 128).append(prefix);
		if (instance != null) {
			json.append(",\"instance\":");
			appendString(json, instance);
		}
		json.append(suffix);
		if (httpsUrl != null) {
			json.append(",\"httpsUrl\":");
			appendString(json, httpsUrl);
		}
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void appendString(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
