package dev.upgraderequired.sample;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.Http2Exception;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The contract on Spring MVC and Tomcat (the sample's default mode), and a server that lets connection-specific
 * headers through on HTTP/2, which proves the strict client of the contract notices them.
 */
@Import(ServletSampleContractTests.MalformedHttp2Endpoint.class)
class ServletSampleContractTests extends AbstractServletSampleContractTests {

	@Override
	Class<? extends WebServer> server() {
		return TomcatWebServer.class;
	}

	@Test
	void strictHttp2ClientRejectsConnectionSpecificHeadersSoTheChecksAboveCanFail() {
		assertThatException().isThrownBy(() -> strictH2c("/test/malformed-http2"))
			.withRootCauseInstanceOf(Http2Exception.class)
			.withStackTraceContaining("Illegal connection-specific header");
	}

	/**
	 * Sends what this library must never send on HTTP/2, to prove that the strict client notices.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class MalformedHttp2Endpoint {

		@GetMapping("/test/malformed-http2")
		void malformed(HttpServletResponse response) throws Exception {
			response.setHeader(HttpHeaderNames.CONNECTION.toString(), "Upgrade");
			response.setHeader(HttpHeaderNames.UPGRADE.toString(), "TLS/1.2");
			response.getWriter().write("malformed");
		}

	}

}
