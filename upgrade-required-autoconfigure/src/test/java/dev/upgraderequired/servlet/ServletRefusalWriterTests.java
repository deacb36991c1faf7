package dev.upgraderequired.servlet;

import java.nio.charset.StandardCharsets;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServletRefusalWriter}.
 */
class ServletRefusalWriterTests {

	private static final ServletRequestView VIEW = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
			new ServletMappedHandlerRequirements(), () -> null);

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.httpsPort(() -> 8443)
		.resolver((handler) -> ProtocolRequirement.tls())
		.build();

	private final Writer writer = new Writer(this.policy);

	@Test
	void whatTheHandlerBufferedIsReplacedByTheProblem() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getOutputStream().write("partial".getBytes());
		response.setHeader("X-Kept", "yes");
		this.writer.write(new MockHttpServletRequest("GET", "/p"), response);
		assertThat(response.getContentAsString()).startsWith("{\"type\"").doesNotContain("partial");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
		assertThat(response.getHeader("X-Kept")).isEqualTo("yes");
		assertThat(response.isCommitted()).isTrue();
	}

	@Test
	void headersThatDescribedTheHandlersRepresentationAreRemoved() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("Content-Encoding", "gzip");
		response.setHeader("ETag", "\"1\"");
		response.setHeader("Access-Control-Allow-Origin", "*");
		this.writer.write(new MockHttpServletRequest("GET", "/p"), response);
		assertThat(response.getHeaderNames()).doesNotContain("Content-Encoding", "ETag")
			.contains("Access-Control-Allow-Origin");
	}

	@Test
	void bodyIsWrittenThroughTheWriterInItsEncodingWithoutALengthWhenTheHandlerAlreadyTookIt() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCharacterEncoding("UTF-16");
		response.getWriter();
		this.writer.write(new MockHttpServletRequest("GET", "/p"), response);
		assertThat(response.getStatus()).isEqualTo(426);
		assertThat(response.getHeader("Content-Length")).isNull();
		assertThat(new String(response.getContentAsByteArray(), StandardCharsets.UTF_16)).startsWith("{\"type\"")
			.contains("\"instance\":\"/p\"");
	}

	@Test
	void forwardedOrAsyncDispatchIsToldTheUrlTheClientAskedFor() throws Exception {
		for (DispatcherType type : new DispatcherType[] { DispatcherType.FORWARD, DispatcherType.ASYNC }) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/internal/target");
			request.setQueryString("internal=1");
			request.setDispatcherType(type);
			String prefix = (type == DispatcherType.FORWARD) ? "jakarta.servlet.forward." : "jakarta.servlet.async.";
			request.setAttribute(prefix + "request_uri", "/asked");
			request.setAttribute(prefix + "query_string", "q=1");
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.writer.write(request, response);
			assertThat(response.getContentAsString()).as(type.name())
				.contains("\"instance\":\"/asked\"")
				.contains("\"httpsUrl\":\"https://localhost:8443/asked?q=1\"")
				.doesNotContain("internal");
		}
	}

	@Test
	void redirectCarriesNoTypeTheHandlerSet() throws Exception {
		Writer browserMode = new Writer(UpgradePolicy.builder()
			.httpsPort(() -> 8443)
			.browserRedirect(true)
			.resolver((handler) -> ProtocolRequirement.tls())
			.build());
		MockHttpServletRequest navigation = new MockHttpServletRequest("GET", "/p");
		navigation.addHeader("Sec-Fetch-Mode", "navigate");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setContentType("text/html");
		response.addHeader("Vary", "Origin");
		browserMode.write(navigation, response);
		assertThat(response.getStatus()).isEqualTo(308);
		assertThat(response.getHeader("Location")).isEqualTo("https://localhost:8443/p");
		assertThat(response.getContentType()).isNull();
		assertThat(response.getHeaders("Vary")).containsExactly("Origin", "Sec-Fetch-Mode");
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void httpsUrlIsGivenOnlyToCleartextRequests() throws Exception {
		MockHttpServletResponse cleartext = new MockHttpServletResponse();
		this.writer.write(new MockHttpServletRequest("GET", "/p"), cleartext);
		assertThat(cleartext.getContentAsString()).contains("\"httpsUrl\":\"https://localhost:8443/p\"");
		// Refused over TLS 1.2 for lack of TLS 1.3.
		MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/p");
		secure.setSecure(true);
		secure.setAttribute("jakarta.servlet.request.secure_protocol", "TLSv1.2");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new Writer(UpgradePolicy.builder()
			.httpsPort(() -> 8443)
			.resolver((handler) -> ProtocolRequirement.tls(TlsVersion.TLS_1_3))
			.build()).write(secure, response);
		assertThat(response.getStatus()).isEqualTo(426);
		assertThat(response.getContentAsString()).doesNotContain("httpsUrl");
	}

	// Writes what the policy decides for a handler that requires TLS, as the adapter's filter and interceptor do.
	private record Writer(UpgradePolicy policy) {

		void write(HttpServletRequest request, HttpServletResponse response) throws Exception {
			Decision decision = this.policy.decider().decide(request, VIEW, new Object());
			assertThat(decision).isInstanceOf(Decision.Respond.class);
			new ServletRefusalWriter().write(((Decision.Respond) decision).response(), response);
		}

	}

}
