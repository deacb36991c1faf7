package dev.upgraderequired.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.ResponsePlan;
import dev.upgraderequired.core.UpgradePolicy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerMapping;

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

	/**
	 * Write the response to a refusal, and tell the policy's observers.
	 * @param refusal the refusal
	 * @param handler the handler the request is mapped to, {@code null} if none is known
	 * @param request the request, with the attributes its handler lookup recorded
	 * @param response the response, not yet committed
	 * @throws IOException if the response cannot be written
	 */
	void write(Refusal refusal, @Nullable Object handler, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		// A forward or async dispatch has its own path: the client is told about the one it asked for.
		DispatcherType type = request.getDispatcherType();
		String originalPath = (type == DispatcherType.FORWARD)
				? (String) request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI)
				: (type == DispatcherType.ASYNC) ? (String) request.getAttribute(AsyncContext.ASYNC_REQUEST_URI) : null;
		String path = (originalPath != null) ? originalPath : request.getRequestURI();
		String originalQuery = (type == DispatcherType.FORWARD) ? RequestDispatcher.FORWARD_QUERY_STRING
				: AsyncContext.ASYNC_QUERY_STRING;
		String query = (originalPath == null) ? request.getQueryString()
				: (String) request.getAttribute(originalQuery);
		ResponsePlan plan = this.policy.plan(refusal, request, this.facts, path, request.getServerName(), query);
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		this.policy.refused(refusal, plan.status(), handler, (pattern != null) ? pattern.toString() : null,
				request.getRequestURI(), request.getContextPath(), request, this.facts);
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

	private static @Nullable OutputStream outputStream(HttpServletResponse response) throws IOException {
		try {
			return response.getOutputStream();
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

}
