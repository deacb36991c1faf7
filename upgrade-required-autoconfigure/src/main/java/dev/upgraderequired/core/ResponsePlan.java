package dev.upgraderequired.core;

import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * The response to a {@link Refusal}, as the core decided it for one request: status, headers for the request's HTTP
 * version, and the {@code application/problem+json} body (none for {@code HEAD}, with the same
 * {@code Content-Length}). Each web stack's writer copies it onto its response, after removing the headers that
 * described what a handler was about to send ({@link #REPRESENTATION_HEADERS}).
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
	 * Headers that describe what a handler was about to send rather than the problem, removed from a response a
	 * handler had started ({@code Content-Encoding}, {@code ETag}...); others, such as CORS ones, are kept.
	 */
	public static final List<String> REPRESENTATION_HEADERS = List.of(HttpHeaders.CONTENT_ENCODING,
			HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_RANGE, HttpHeaders.ETAG,
			HttpHeaders.LAST_MODIFIED);

	private static final byte[] NO_BODY = {};

	private final int status;

	private final List<Header> headers;

	private final byte[] body;

	private final boolean head;

	ResponsePlan(int status, List<Header> headers, byte[] body, boolean head) {
		this.status = status;
		this.headers = headers;
		this.body = body;
		this.head = head;
	}

	/**
	 * Return the status code.
	 * @return 426, or 500 for an exception whose requirement the request already meets
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the headers to set, besides {@code Content-Type} and {@code Content-Length}.
	 * @return the headers
	 */
	public List<Header> headers() {
		return this.headers;
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
	 * @return the body, empty for {@code HEAD}
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
