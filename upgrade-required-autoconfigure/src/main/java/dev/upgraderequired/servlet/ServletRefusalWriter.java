package dev.upgraderequired.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.ResponsePlan;
import dev.upgraderequired.core.UpgradePolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Copies the core's response to a refusal onto a servlet response: no exception, no error dispatch, no message
 * converter. Whatever a handler buffered before is discarded, and so are the headers that described it; other
 * headers it set, such as CORS ones, are kept.
 *
 * @author upgrade-required
 */
final class ServletRefusalWriter {

	private final UpgradePolicy policy;

	private final RequestFacts<HttpServletRequest> facts;

	ServletRefusalWriter(UpgradePolicy policy, RequestFacts<HttpServletRequest> facts) {
		this.policy = policy;
		this.facts = facts;
	}

	RequestFacts<HttpServletRequest> facts() {
		return this.facts;
	}

	UpgradePolicy policy() {
		return this.policy;
	}

	void write(Refusal refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ResponsePlan plan = this.policy.plan(refusal, this.facts.isHttp1(request), "HEAD".equals(request.getMethod()),
				request.getRequestURI(), request.getServerName(), request.getQueryString(),
				this.facts.isSecure(request));
		response.resetBuffer();
		for (String name : ResponsePlan.REPRESENTATION_HEADERS) {
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
		response.setContentType(ResponsePlan.CONTENT_TYPE);
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

	private static @Nullable OutputStream outputStream(HttpServletResponse response) throws IOException {
		try {
			return response.getOutputStream();
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

}
