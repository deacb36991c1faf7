package dev.upgraderequired.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.upgraderequired.core.ResponsePlan;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Copies the core's response to a refusal onto a servlet response: no exception, no error dispatch, no message
 * converter. Whatever a handler buffered before is discarded, and so are the headers that described it; other
 * headers it set, such as CORS ones, are kept. Also adds the headers that announce a requirement's date to a
 * response that is served.
 *
 * @author upgrade-required
 */
final class ServletRefusalWriter {

	/**
	 * Write a response.
	 * @param plan the response
	 * @param response the servlet response, not yet committed
	 * @throws IOException if the response cannot be written
	 */
	void write(ResponsePlan plan, HttpServletResponse response) throws IOException {
		response.resetBuffer();
		for (String name : ResponsePlan.STALE_HEADERS) {
			if (response.containsHeader(name)) {
				response.setHeader(name, null);
			}
		}
		response.setStatus(plan.status());
		List<ResponsePlan.Header> headers = plan.headers();
		for (int i = 0; i < headers.size(); i++) {
			ResponsePlan.Header header = headers.get(i);
			response.setHeader(header.name(), header.value());
		}
		if (plan.vary() != null) {
			response.addHeader(HttpHeaders.VARY, plan.vary());
		}
		// A redirect has no body, and no type a handler may have set.
		response.setContentType(plan.contentType());
		byte[] body = plan.body();
		OutputStream out = outputStream(response);
		if (out != null) {
			response.setContentLength(plan.contentLength());
			out.write(body);
		}
		else {
			// The handler already took the writer: its encoding decides the length, so none is declared.
			response.getWriter().write(new String(body, StandardCharsets.US_ASCII));
		}
		response.flushBuffer();
	}

	/**
	 * Add the headers that announce a requirement's date to the response of a request that is served.
	 * @param announcement the headers, empty for none
	 * @param response the servlet response, not yet committed
	 */
	void announce(List<ResponsePlan.Header> announcement, HttpServletResponse response) {
		for (int i = 0; i < announcement.size(); i++) {
			ResponsePlan.Header header = announcement.get(i);
			if (!HttpHeaders.LINK.equals(header.name())) {
				response.setHeader(header.name(), header.value());
			}
			else if (!response.getHeaders(HttpHeaders.LINK).contains(header.value())) {
				// Beside the application's own links, once.
				response.addHeader(HttpHeaders.LINK, header.value());
			}
		}
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
