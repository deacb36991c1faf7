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

	private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

	private static final byte[] INSTANCE_MEMBER = ascii(",\"instance\":");

	private static final byte[] HTTPS_URL_MEMBER = ascii(",\"httpsUrl\":");

	private final IntSupplier httpsPort;

	private final URI[] types;

	private final byte[][] prefixes;

	private final byte[][] suffixes;

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
		this.prefixes = new byte[Rejection.count()][];
		this.suffixes = new byte[Rejection.count()][];
		for (Rejection rejection : Rejection.values()) {
			URI type = (base != null) ? URI.create(base + rejection.reason().slug())
					: URI.create("about:blank");
			this.types[rejection.id()] = type;
			this.prefixes[rejection.id()] = concat(ascii("{\"type\":"), quoted(type.toString()), ascii(",\"title\":"),
					quoted(TITLE), ascii(",\"status\":" + STATUS + ",\"detail\":"), quoted(rejection.detail()));
			List<String> tokens = rejection.upgradeTokens();
			byte[][] parts = new byte[tokens.size() * 2 + 1][];
			parts[0] = ascii(",\"upgrade\":[");
			for (int i = 0; i < tokens.size(); i++) {
				parts[2 * i + 1] = quoted(tokens.get(i));
				parts[2 * i + 2] = ascii((i < tokens.size() - 1) ? "," : "]");
			}
			this.suffixes[rejection.id()] = concat(parts);
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
		byte[] prefix = this.prefixes[rejection.id()];
		byte[] suffix = this.suffixes[rejection.id()];
		int length = prefix.length + suffix.length + 1;
		if (instance != null) {
			length += INSTANCE_MEMBER.length + quotedLength(instance);
		}
		if (httpsUrl != null) {
			length += HTTPS_URL_MEMBER.length + quotedLength(httpsUrl);
		}
		// Written straight into the array that is returned: a refusal must stay cheaper than serving.
		byte[] json = new byte[length];
		int at = put(json, 0, prefix);
		if (instance != null) {
			at = putQuoted(json, put(json, at, INSTANCE_MEMBER), instance);
		}
		at = put(json, at, suffix);
		if (httpsUrl != null) {
			at = putQuoted(json, put(json, at, HTTPS_URL_MEMBER), httpsUrl);
		}
		json[at] = '}';
		return json;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] quoted(String value) {
		byte[] quoted = new byte[quotedLength(value)];
		putQuoted(quoted, 0, value);
		return quoted;
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] joined = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			at = put(joined, at, part);
		}
		return joined;
	}

	private static int put(byte[] json, int at, byte[] bytes) {
		System.arraycopy(bytes, 0, json, at, bytes.length);
		return at + bytes.length;
	}

	// The length of a value as a JSON string in ASCII: quotes, two-character escapes, six-character ones for the rest.
	private static int quotedLength(String value) {
		int length = 2;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			length += (escape(c) != 0) ? 2 : (c < 0x20 || c > 0x7e) ? 6 : 1;
		}
		return length;
	}

	private static int putQuoted(byte[] json, int at, String value) {
		json[at++] = '"';
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			char escape = escape(c);
			if (escape != 0) {
				json[at++] = '\\';
				json[at++] = (byte) escape;
			}
			else if (c < 0x20 || c > 0x7e) {
				json[at++] = '\\';
				json[at++] = 'u';
				for (int shift = 12; shift >= 0; shift -= 4) {
					json[at++] = (byte) HEX_DIGITS[(c >> shift) & 0xf];
				}
			}
			else {
				json[at++] = (byte) c;
			}
		}
		json[at++] = '"';
		return at;
	}

	private static char escape(char c) {
		return switch (c) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '\n' -> 'n';
			case '\r' -> 'r';
			case '\t' -> 't';
			default -> 0;
		};
	}

}
