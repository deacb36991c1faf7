package dev.upgraderequired.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The response to a {@link Refusal}, as the core decided it for one request: status, headers for the request's HTTP
 * version, and the {@code application/problem+json} body (none for {@code HEAD}, with the same
 * {@code Content-Length}); or, for a browser's navigation in browser-redirect mode, a {@code 308} to the
 * {@code https} URL without a body. Each web stack's writer copies it onto its response, after removing the headers
 * that described what a handler was about to send ({@link #STALE_HEADERS}).
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ResponsePlan {

	/**
	 * The media type of the body.
	 */
	public static final String CONTENT_TYPE = "application/problem+json";

	/**
	 * Headers removed from a response that a refusal replaces: those that describe what a handler was about to send
	 * rather than the problem ({@code Content-Encoding}, {@code ETag}...), and those that announced a requirement's
	 * date before a later check refused the request ({@code Sunset}, {@code Deprecation}); others, such as CORS ones,
	 * are kept.
	 */
	public static final List<String> STALE_HEADERS = List.of(HttpHeaders.CONTENT_ENCODING,
			HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_RANGE, HttpHeaders.ETAG,
			HttpHeaders.LAST_MODIFIED, "Sunset", "Deprecation");

	private static final byte[] NO_BODY = {};

	static final Header NO_STORE = new Header(HttpHeaders.CACHE_CONTROL, "no-store");

	static final Header CONNECTION_CLOSE = new Header(HttpHeaders.CONNECTION, "close");

	private final int status;

	private final List<Header> headers;

	private final byte[] body;

	private final boolean head;

	private final @Nullable String contentType;

	private final @Nullable String vary;

	private final boolean closesConnection;

	ResponsePlan(int status, List<Header> headers, byte[] body, boolean head, @Nullable String contentType,
			@Nullable String vary, boolean closesConnection) {
		this.status = status;
		this.headers = headers;
		this.body = body;
		this.head = head;
		this.contentType = contentType;
		this.vary = vary;
		this.closesConnection = closesConnection;
	}

	/**
	 * Return a permanent redirect of a browser's navigation to the {@code https} URL of the request. Caches must not
	 * store it: its {@code Location} is built from the {@code Host} the client sent.
	 * @param location the URL, printable ASCII only
	 * @param vary the request headers the redirect was decided on
	 * @param close whether the connection is closed after the response (HTTP/1.x only)
	 * @return the response
	 */
	static ResponsePlan redirect(String location, String vary, boolean close) {
		Header target = new Header(HttpHeaders.LOCATION, location);
		return new ResponsePlan(HttpStatus.PERMANENT_REDIRECT.value(),
				close ? List.of(target, NO_STORE, CONNECTION_CLOSE) : List.of(target, NO_STORE), NO_BODY, false, null,
				vary, close);
	}

	/**
	 * Return the status code.
	 * @return 426; 308 for a browser's navigation redirected to https; 500 for an exception whose requirement the
	 * request already meets
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the headers to set, besides {@code Content-Type}, {@code Content-Length} and {@code Vary}.
	 * @return the headers
	 */
	public List<Header> headers() {
		return this.headers;
	}

	/**
	 * Return the {@code Content-Type} of the response.
	 * @return {@link #CONTENT_TYPE}, {@code null} for a redirect, which has no body
	 * @since 0.2.0
	 */
	public @Nullable String contentType() {
		return this.contentType;
	}

	/**
	 * Return the request headers that the choice between a redirect and a 426 depended on, to add to the
	 * response's {@code Vary} header (keeping what it has, such as CORS's {@code Origin}).
	 * @return the header names, comma-separated, {@code null} if the response depends on none
	 * @since 0.2.0
	 */
	public @Nullable String vary() {
		return this.vary;
	}

	/**
	 * Whether the connection is to be closed after this response, which its {@code Connection} header then says: an
	 * HTTP/1.x request whose body is not read (longer than {@link UpgradePolicy#MAX_KEPT_BODY}, or of unknown
	 * length), so that no server is left to guess where the next request starts. The writer makes sure the server
	 * closes it.
	 * @return whether the connection is closed
	 * @since 0.2.0
	 */
	public boolean closesConnection() {
		return this.closesConnection;
	}

	/**
	 * Return the {@code Content-Length} of the response: the length of the body, also for {@code HEAD}.
	 * @return the content length
	 */
	public int contentLength() {
		return this.body.length;
	}

	/**
	 * Return the body to write, ASCII only (so the same bytes in any ASCII-compatible encoding).
	 * @return the body, empty for {@code HEAD} and a redirect
	 */
	public byte[] body() {
		return this.head ? NO_BODY : this.body;
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
