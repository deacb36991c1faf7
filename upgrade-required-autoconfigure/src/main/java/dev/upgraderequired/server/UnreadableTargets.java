package dev.upgraderequired.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Request targets that a servlet container accepts but Spring cannot read: a percent sign not followed by two hex
 * digits (in a segment or in a {@code ;} parameter), or, for WebFlux, a character that {@code java.net.URI} rejects.
 * Such a request cannot be judged (nobody can tell which endpoint it is for), so it is answered with 400 and a
 * problem body, never served, and never left to fail with a 500 (or, for WebFlux on Jetty, to hang).
 * <p>
 * Internal: public for the adapters and the auto-configuration, not an API.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UnreadableTargets {

	private static final byte[] BODY = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
			+ "\"detail\":\"The request target is not a valid URI (check its percent-encoding), so it cannot be told "
			+ "which endpoint it is for.\"}")
		.getBytes(StandardCharsets.UTF_8);

	// Characters that java.net.URI accepts as they are in a path (pchar, ';' and '/') and a query (uric), below 128.
	private static final boolean[] PATH = allowed("-_.!~*'()" + ":@&=+$," + ";/");

	private static final boolean[] QUERY = allowed("-_.!~*'()" + ";/?:@&=+$,[]");

	private UnreadableTargets() {
	}

	/**
	 * Whether every percent sign of a raw path starts an escape of two hex digits, as Spring's decoding of a path
	 * (and of its {@code ;} parameters) requires.
	 * @param rawPath the path as received, still percent-encoded
	 * @return whether the path can be decoded
	 */
	public static boolean isDecodable(String rawPath) {
		for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
			if (!isEscape(rawPath, i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a raw path and query make a URI that {@code java.net.URI} accepts, as Spring's WebFlux request on a
	 * servlet container requires.
	 * @param rawPath the path as received, still percent-encoded
	 * @param rawQuery the query as received, {@code null} if none
	 * @return whether the target is a valid URI
	 */
	public static boolean isUri(String rawPath, @Nullable String rawQuery) {
		return isUri(rawPath, PATH) && (rawQuery == null || isUri(rawQuery, QUERY));
	}

	/**
	 * Answer a request whose target cannot be read: 400 with a problem body.
	 * @param response the response, not yet committed
	 * @throws IOException if the response cannot be written
	 */
	public static void reject(HttpServletResponse response) throws IOException {
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("application/problem+json");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(BODY.length);
		response.getOutputStream().write(BODY);
		response.flushBuffer();
	}

	/**
	 * Return a filter that answers every request whose target is not a valid URI with 400, for WebFlux on a servlet
	 * container: Spring's adapter fails such a request before any {@code WebFilter} runs (Tomcat answers 500, Jetty
	 * never answers).
	 * @return the filter
	 */
	public static Filter filter() {
		return UriFilter.INSTANCE;
	}

	private static boolean isUri(String text, boolean[] allowed) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (!isEscape(text, i)) {
					return false;
				}
				i += 2;
			}
			else if (c < 128 ? !allowed[c] : Character.isSpaceChar(c) || Character.isISOControl(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isEscape(String text, int percent) {
		return percent + 2 < text.length() && Character.digit(text.charAt(percent + 1), 16) >= 0
				&& Character.digit(text.charAt(percent + 2), 16) >= 0;
	}

	private static boolean[] allowed(String punctuation) {
		boolean[] allowed = new boolean[128];
		for (char c = '0'; c <= '9'; c++) {
			allowed[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			allowed[c] = true;
			allowed[Character.toUpperCase(c)] = true;
		}
		for (int i = 0; i < punctuation.length(); i++) {
			allowed[punctuation.charAt(i)] = true;
		}
		return allowed;
	}

	private static final class UriFilter implements Filter {

		static final UriFilter INSTANCE = new UriFilter();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
					&& !isUri(http.getRequestURI(), http.getQueryString())) {
				reject(httpResponse);
				return;
			}
			chain.doFilter(request, response);
		}

	}

}
