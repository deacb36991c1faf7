package dev.upgraderequired.core;

import dev.upgraderequired.RequestFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Whether a {@code GET} or {@code HEAD} request is a browser's navigation (a person following a link or typing a
 * URL), as opposed to a script's {@code fetch()} or an API client, and which request headers that was decided on,
 * for the {@code Vary} header of the response.
 * <ul>
 * <li>{@code Sec-Fetch-Mode} decides when present: {@code navigate} is a navigation, any other mode ({@code cors},
 * {@code no-cors}, {@code same-origin}, {@code websocket}) is not. Browsers send it to potentially trustworthy
 * origins, {@code localhost} and loopback addresses included.</li>
 * <li>Without it, as on a cleartext connection to any other host, a navigation is a request with
 * {@code Upgrade-Insecure-Requests: 1} (sent by browsers on navigations only) whose {@code Accept} prefers
 * {@code text/html}: lists it with a weight above zero, and nothing with a higher weight.</li>
 * </ul>
 * Header values are read without ever failing: a malformed weight is skipped, a value longer than
 * {@link #MAX_ACCEPT_LENGTH} is no navigation.
 *
 * @author upgrade-required
 */
enum BrowserNavigation {

	/**
	 * {@code Sec-Fetch-Mode: navigate}.
	 */
	BY_FETCH_MODE(true, BrowserNavigation.VARY_FETCH_MODE),

	/**
	 * {@code Sec-Fetch-Mode} with another mode.
	 */
	NOT_BY_FETCH_MODE(false, BrowserNavigation.VARY_FETCH_MODE),

	/**
	 * Neither {@code Sec-Fetch-Mode} nor {@code Upgrade-Insecure-Requests: 1}.
	 */
	NOT_BY_INSECURE_REQUESTS(false, BrowserNavigation.VARY_INSECURE_REQUESTS),

	/**
	 * {@code Upgrade-Insecure-Requests: 1} and an {@code Accept} that prefers {@code text/html}.
	 */
	BY_ACCEPT(true, BrowserNavigation.VARY_ACCEPT),

	/**
	 * {@code Upgrade-Insecure-Requests: 1} and an {@code Accept} that does not prefer {@code text/html}.
	 */
	NOT_BY_ACCEPT(false, BrowserNavigation.VARY_ACCEPT);

	/**
	 * Longest {@code Accept} value read; browsers send about 150 characters.
	 */
	static final int MAX_ACCEPT_LENGTH = 4096;

	private static final String FETCH_MODE = "Sec-Fetch-Mode";

	private static final String INSECURE_REQUESTS = "Upgrade-Insecure-Requests";

	private static final String VARY_FETCH_MODE = FETCH_MODE;

	private static final String VARY_INSECURE_REQUESTS = FETCH_MODE + ", " + INSECURE_REQUESTS;

	private static final String VARY_ACCEPT = VARY_INSECURE_REQUESTS + ", " + HttpHeaders.ACCEPT;

	private static final String HTML = "text/html";

	// Weights in thousandths, as RFC 9110 writes them (at most three decimals).
	private static final int MAX_WEIGHT = 1000;

	private final boolean navigation;

	private final String vary;

	BrowserNavigation(boolean navigation, String vary) {
		this.navigation = navigation;
		this.vary = vary;
	}

	/**
	 * Decide whether a request is a navigation.
	 * @param <R> the native request type
	 * @param request the request, a {@code GET} or {@code HEAD}
	 * @param facts reads the request's headers
	 * @return the decision, with the headers it read
	 */
	static <R> BrowserNavigation of(R request, RequestFacts<R> facts) {
		String mode = facts.header(request, FETCH_MODE);
		if (mode != null) {
			return mode.trim().equalsIgnoreCase("navigate") ? BY_FETCH_MODE : NOT_BY_FETCH_MODE;
		}
		String insecureRequests = facts.header(request, INSECURE_REQUESTS);
		if (insecureRequests == null || !insecureRequests.trim().equals("1")) {
			return NOT_BY_INSECURE_REQUESTS;
		}
		return prefersHtml(facts.header(request, HttpHeaders.ACCEPT)) ? BY_ACCEPT : NOT_BY_ACCEPT;
	}

	/**
	 * Whether the request is a navigation.
	 * @return whether a browser navigates
	 */
	boolean isNavigation() {
		return this.navigation;
	}

	/**
	 * Return the request headers this decision read, as the value of a {@code Vary} header.
	 * @return the header names, comma-separated
	 */
	String vary() {
		return this.vary;
	}

	/**
	 * Whether an {@code Accept} value lists {@code text/html} (ignoring case) with a weight above zero, and no media
	 * range with a higher weight. Members are separated by commas, and empty ones are skipped; a malformed member (a
	 * {@code q} parameter that is not a weight, parameters without a media range) makes the value prefer nothing,
	 * so that a request that cannot be read keeps its 426.
	 * @param accept the header value, may be {@code null}
	 * @return whether it prefers HTML
	 */
	static boolean prefersHtml(@Nullable String accept) {
		if (accept == null || accept.length() > MAX_ACCEPT_LENGTH) {
			return false;
		}
		int html = 0;
		int others = 0;
		int length = accept.length();
		int start = 0;
		while (start < length) {
			int end = accept.indexOf(',', start);
			if (end < 0) {
				end = length;
			}
			int rangeEnd = indexOf(accept, ';', start, end);
			int from = HeaderValues.skipWhitespace(accept, start, rangeEnd);
			int to = HeaderValues.trimWhitespace(accept, from, rangeEnd);
			if (to > from || rangeEnd < end) {
				int weight = weight(accept, rangeEnd, end);
				if (weight < 0 || to == from) {
					return false;
				}
				if (to - from == HTML.length() && accept.regionMatches(true, from, HTML, 0, HTML.length())) {
					html = Math.max(html, weight);
				}
				else {
					others = Math.max(others, weight);
				}
			}
			start = end + 1;
		}
		return html > 0 && html >= others;
	}

	// The weight of a member from its parameters (from ';' to 'end'): 1000 without a q parameter, -1 if malformed.
	private static int weight(String accept, int from, int end) {
		int at = from;
		while (at < end) {
			int next = indexOf(accept, ';', at + 1, end);
			int name = HeaderValues.skipWhitespace(accept, at + 1, next);
			if (name + 1 < next && (accept.charAt(name) == 'q' || accept.charAt(name) == 'Q')
					&& accept.charAt(name + 1) == '=') {
				return qvalue(accept, name + 2, HeaderValues.trimWhitespace(accept, name + 2, next));
			}
			at = next;
		}
		return MAX_WEIGHT;
	}

	// The index of a character between from and end, end if none: never looks past the member.
	private static int indexOf(String value, char c, int from, int end) {
		for (int i = from; i < end; i++) {
			if (value.charAt(i) == c) {
				return i;
			}
		}
		return end;
	}

	// RFC 9110 section 12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
	private static int qvalue(String value, int from, int to) {
		if (from >= to || (value.charAt(from) != '0' && value.charAt(from) != '1')) {
			return -1;
		}
		int whole = value.charAt(from) - '0';
		if (to == from + 1) {
			return whole * MAX_WEIGHT;
		}
		if (value.charAt(from + 1) != '.' || to - from > 5) {
			return -1;
		}
		int thousandths = 0;
		int scale = 100;
		for (int i = from + 2; i < to; i++, scale /= 10) {
			char digit = value.charAt(i);
			if (digit < '0' || digit > '9') {
				return -1;
			}
			thousandths += (digit - '0') * scale;
		}
		return (whole == 1 && thousandths > 0) ? -1 : whole * MAX_WEIGHT + thousandths;
	}

}
