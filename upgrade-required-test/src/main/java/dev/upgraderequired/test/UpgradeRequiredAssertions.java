package dev.upgraderequired.test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.reactive.server.ExchangeResult;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Entry points of the AssertJ assertions for a {@code 426 Upgrade Required}, for {@code MockMvcTester},
 * {@code MockMvc} and {@code WebTestClient}.
 * <pre class="code">
 * assertThatRefusal(mvc.get().uri("/api/secure").exchange())
 *     .offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1")
 *     .hasHttpsUrl("https://localhost/api/secure");
 * </pre>
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredAssertions {

	private UpgradeRequiredAssertions() {
	}

	/**
	 * Assert on the response of a {@code MockMvcTester} exchange.
	 * @param result the result
	 * @return the assertions
	 */
	public static UpgradeRequiredAssert assertThatRefusal(MvcTestResult result) {
		return assertThatRefusal(result.getMvcResult());
	}

	/**
	 * Assert on the response of a {@code MockMvc} exchange; over HTTP/2 if the request was made one with
	 * {@link UpgradeRequiredRequests#http2()}.
	 * @param result the result
	 * @return the assertions
	 */
	public static UpgradeRequiredAssert assertThatRefusal(MvcResult result) {
		MockHttpServletResponse response = result.getResponse();
		HttpHeaders headers = new HttpHeaders();
		for (String name : response.getHeaderNames()) {
			headers.addAll(name, response.getHeaders(name));
		}
		if (response.getContentType() != null && !headers.containsHeader(HttpHeaders.CONTENT_TYPE)) {
			headers.set(HttpHeaders.CONTENT_TYPE, response.getContentType());
		}
		return new UpgradeRequiredAssert(new UpgradeRequiredAssert.Response(response.getStatus(), headers,
				response.getContentAsByteArray(), "HTTP/2.0".equals(result.getRequest().getProtocol())));
	}

	/**
	 * Assert on the response of a {@code WebTestClient} exchange, such as the result of
	 * {@code expectBody().returnResult()}; over HTTP/2 if the client was configured with
	 * {@link UpgradeRequiredExchanges#http2()}, which the result does not tell, so say so with {@code http2}.
	 * @param result the result
	 * @param http2 whether the exchange was HTTP/2
	 * @return the assertions
	 */
	public static UpgradeRequiredAssert assertThatRefusal(ExchangeResult result, boolean http2) {
		return new UpgradeRequiredAssert(new UpgradeRequiredAssert.Response(result.getStatus().value(),
				result.getResponseHeaders(), result.getResponseBodyContent(), http2));
	}

	/**
	 * Assert on the response of a {@code WebTestClient} exchange over HTTP/1.1.
	 * @param result the result
	 * @return the assertions
	 */
	public static UpgradeRequiredAssert assertThatRefusal(ExchangeResult result) {
		return assertThatRefusal(result, false);
	}

}
