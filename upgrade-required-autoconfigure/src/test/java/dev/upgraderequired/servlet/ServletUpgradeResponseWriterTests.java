package dev.upgraderequired.servlet;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.UpgradeReason;
import dev.upgraderequired.core.UpgradeResponder;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServletUpgradeResponseWriter}.
 */
class ServletUpgradeResponseWriterTests {

	private final ServletUpgradeResponseWriter writer = new ServletUpgradeResponseWriter(
			new UpgradeResponder(null, () -> 8443));

	private final Rejection tlsRequired = Rejection.of(ProtocolRequirement.tls(), UpgradeReason.TLS_REQUIRED, false);

	@Test
	void whatTheHandlerBufferedIsReplacedByTheProblem() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getOutputStream().write("partial".getBytes());
		response.setHeader("X-Kept", "yes");
		this.writer.write(this.tlsRequired, new MockHttpServletRequest("GET", "/p"), response);
		assertThat(response.getContentAsString()).startsWith("{\"type\"").doesNotContain("partial");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
		assertThat(response.getHeader("X-Kept")).isEqualTo("yes");
		assertThat(response.isCommitted()).isTrue();
	}

	@Test
	void bodyIsWrittenThroughTheWriterWhenTheHandlerAlreadyTookIt() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getWriter();
		this.writer.write(this.tlsRequired, new MockHttpServletRequest("GET", "/p"), response);
		assertThat(response.getStatus()).isEqualTo(426);
		assertThat(response.getContentAsString()).contains("\"instance\":\"/p\"");
	}

	@Test
	void httpsUrlIsGivenOnlyToCleartextRequests() throws Exception {
		MockHttpServletResponse cleartext = new MockHttpServletResponse();
		this.writer.write(this.tlsRequired, new MockHttpServletRequest("GET", "/p"), cleartext);
		assertThat(cleartext.getContentAsString()).contains("\"httpsUrl\":\"https://localhost:8443/p\"");
		MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/p");
		secure.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.writer.write(this.tlsRequired, secure, response);
		assertThat(response.getContentAsString()).doesNotContain("httpsUrl");
	}

}
