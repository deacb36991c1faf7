package dev.upgraderequired.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

import dev.upgraderequired.UpgradeReason;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Renders the response of a {@link Refusal}: its RFC 9457 {@code application/problem+json} body, and the
 * {@code https} URL of a request that has to move to TLS. The parts of the body that do not depend on the request
 * are serialized once per refusal; per request only the {@code instance} and the {@code httpsUrl} are escaped and
 * appended.
 * <p>
 * Members: {@code type}, {@code title} ({@code Upgrade Required}), {@code status} (426), {@code detail} (what the
 * client must do), {@code instance} (the request path), {@code upgrade} (the protocols to switch to, as in the
 * {@code Upgrade} header, which HTTP/2 responses cannot carry) and, when TLS is missing and the HTTPS port is
 * known, {@code httpsUrl}. The 500 of an exception whose requirement the request meets has no {@code upgrade}.
 *
 * @author upgrade-required
 */
final class UpgradeResponder {

	private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

	private static final byte[] INSTANCE_MEMBER = ascii(",\"instance\":");

	private static final byte[] HTTPS_URL_MEMBER = ascii(",\"httpsUrl\":");

	private final IntSupplier httpsPort;

	private final byte[][] prefixes;

	private final byte[][] suffixes;

	/**
	 * Create a responder.
	 * @param typeBase base URI of the problem {@code type}, to which the reason's slug is appended; {@code null}
	 * for {@code about:blank}
	 * @param httpsPort supplies the port of the HTTPS connector, or a value below 1 while it is unknown
	 */
	UpgradeResponder(@Nullable String typeBase, IntSupplier httpsPort) {
		String base = (typeBase != null && !typeBase.endsWith("/")) ? typeBase + "/" : typeBase;
		this.httpsPort = httpsPort;
		this.prefixes = new byte[Refusal.count()][];
		this.suffixes = new byte[Refusal.count()][];
		for (Refusal refusal : Refusal.values()) {
			UpgradeReason reason = refusal.reason();
			URI type = (base != null && reason != null) ? URI.create(base + reason.slug()) : URI.create("about:blank");
			HttpStatus status = HttpStatus.valueOf(refusal.status());
			this.prefixes[refusal.id()] = concat(ascii("{\"type\":"), quoted(type.toString()), ascii(",\"title\":"),
					quoted(status.getReasonPhrase()), ascii(",\"status\":" + status.value() + ",\"detail\":"),
					quoted(refusal.detail()));
			List<String> tokens = refusal.upgradeTokens();
			byte[][] parts = new byte[tokens.isEmpty() ? 0 : tokens.size() * 2 + 1][];
			if (!tokens.isEmpty()) {
				parts[0] = ascii(",\"upgrade\":[");
			}
			for (int i = 0; i < tokens.size(); i++) {
				parts[2 * i + 1] = quoted(tokens.get(i));
				parts[2 * i + 2] = ascii((i < tokens.size() - 1) ? "," : "]");
			}
			this.suffixes[refusal.id()] = concat(parts);
		}
	}

	/**
	 * Return the 426 (or 500) response to a refusal for one request.
	 * @param refusal the refusal
	 * @param http1 whether the exchange is HTTP/1.x, which decides the headers
	 * @param head whether the request is a {@code HEAD}, whose response has no body
	 * @param path the raw (still encoded) request path, the {@code instance} member
	 * @param httpsUrl the {@code httpsUrl} member or {@code null}
	 * @param vary the request headers the response was chosen by, or {@code null}
	 * @param close whether the connection is closed after the response (HTTP/1.x only)
	 * @return the response
	 */
	ResponsePlan plan(Refusal refusal, boolean http1, boolean head, String path, @Nullable String httpsUrl,
			@Nullable String vary, boolean close) {
		return new ResponsePlan(refusal.status(), refusal.headers(http1, close), body(refusal, path, httpsUrl), head,
				ResponsePlan.CONTENT_TYPE, vary, close);
	}

	/**
	 * Return the {@code https} URL equivalent to a request that has to move to TLS, if the HTTPS port is known.
	 * @param refusal the refusal
	 * @param host the host the client addressed, without port
	 * @param path the raw (still encoded) request path
	 * @param query the raw query string or {@code null}
	 * @return the URL or {@code null}
	 */
	@Nullable String httpsUrl(Refusal refusal, String host, String path, @Nullable String query) {
		int port = refusal.needsTls() ? this.httpsPort.getAsInt() : -1;
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
	 * Render the body of a refusal as JSON. Characters outside ASCII are escaped, so the bytes are the same in
	 * UTF-8 and in any ASCII-compatible encoding.
	 * @param refusal the refusal
	 * @param instance the {@code instance} member, normally the request path, or {@code null}
	 * @param httpsUrl the {@code httpsUrl} member or {@code null}
	 * @return the body
	 */
	byte[] body(Refusal refusal, @Nullable String instance, @Nullable String httpsUrl) {
		byte[] prefix = this.prefixes[refusal.id()];
		byte[] suffix = this.suffixes[refusal.id()];
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
