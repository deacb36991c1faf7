package dev.upgraderequired.benchmarks.comparator;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the endpoints of both web stacks answer; each stack's controller only finds out what the request arrived on.
 *
 * @author upgrade-required
 */
final class Responses {

	static final String NO_TLS = "none";

	private static final List<String> UPGRADE_TOKENS = List.of("TLS/1.3", "TLS/1.2", "HTTP/1.1");

	private static final String UPGRADE = String.join(", ", UPGRADE_TOKENS);

	private static final String DETAIL = "This resource is only served over TLS. Repeat the request with https.";

	private Responses() {
	}

	/**
	 * The one-liner: the framework's error handling renders the 426, without an {@code Upgrade} header.
	 * @return the exception to throw
	 */
	static ResponseStatusException upgradeRequired() {
		return new ResponseStatusException(HttpStatus.UPGRADE_REQUIRED);
	}

	/**
	 * The thorough version, written by hand: the headers of RFC 9110 and a problem body. The framework fills in the
	 * problem's {@code instance} with the request path.
	 * <p>
	 * Like most hand-written code, it sends {@code Upgrade} and {@code Connection} whatever the HTTP version. On
	 * HTTP/2 they make the response malformed (RFC 9113, section 8.2.2): Reactor Netty drops them, but Tomcat sends
	 * them, and HTTP/2 clients such as curl and h2load reset the stream instead of showing the 426.
	 * @return the response
	 */
	static ResponseEntity<ProblemDetail> upgradeRequiredEntity() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UPGRADE_REQUIRED, DETAIL);
		problem.setProperty("upgrade", UPGRADE_TOKENS);
		return ResponseEntity.status(HttpStatus.UPGRADE_REQUIRED)
			.header(HttpHeaders.UPGRADE, UPGRADE)
			.header(HttpHeaders.CONNECTION, "Upgrade")
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * The JSON body of every successful response, with its members in the sample's order.
	 */
	record Description(String endpoint, String protocol, boolean secure, String tls) {
	}

}
