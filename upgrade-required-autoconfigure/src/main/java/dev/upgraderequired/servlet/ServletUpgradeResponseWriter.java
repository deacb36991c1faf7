package dev.upgraderequired.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.UpgradeResponder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Rejection} to a servlet response directly: no exception, no error dispatch, no message
 * converter. HEAD requests get the same status and headers and no body. Whatever a handler buffered before
 * refusing is discarded, and so are the headers that described it ({@code Content-Encoding}, {@code ETag}...);
 * other headers it set, such as CORS ones, are kept.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ServletUpgradeResponseWriter {

	private final UpgradeResponder responder;

	private final RequestFacts<HttpServletRequest> facts;

	/**
	 * Create a writer.
	 * @param responder renders the problem body
	 * @param facts tells the HTTP version of a request, which decides the headers
	 */
	public ServletUpgradeResponseWriter(UpgradeResponder responder, RequestFacts<HttpServletRequest> facts) {
		this.responder = responder;
		this.facts = facts;
	}

	/**
	 * Write the 426 response.
	 * @param rejection the rejection
	 * @param request the request
	 * @param response the response, not yet committed
	 * @throws IOException if the body cannot be written
	 */
	public void write(Rejection rejection, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		response.resetBuffer();
		for (String name : UpgradeResponder.REPRESENTATION_HEADERS) {
			if (response.containsHeader(name)) {
				response.setHeader(name, null);
			}
		}
		response.setStatus(UpgradeResponder.STATUS);
		List<Rejection.Header> headers = rejection.headers(this.facts.isHttp1(request));
		for (int i = 0; i < headers.size(); i++) {
			Rejection.Header header = headers.get(i);
			response.setHeader(header.name(), header.value());
		}
		response.setContentType(UpgradeResponder.PROBLEM_JSON);
		String path = request.getRequestURI();
		String httpsUrl = this.facts.isSecure(request) ? null
				: this.responder.httpsUrl(rejection, request.getServerName(), path, request.getQueryString());
		byte[] body = this.responder.body(rejection, path, httpsUrl);
		boolean head = "HEAD".equals(request.getMethod());
		OutputStream out = outputStream(response);
		if (out != null) {
			response.setContentLength(body.length);
			if (!head) {
				out.write(body);
			}
		}
		else if (!head) {
			// The handler already took the writer: its encoding decides the length, so none is declared.
			response.getWriter().write(new String(body, StandardCharsets.US_ASCII));
		}
		response.flushBuffer();
	}

	private static @Nullable OutputStream outputStream(HttpServletResponse response) throws IOException {
		try {
			return response.getOutputStream();
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

}
