package dev.upgraderequired.sample;

import java.net.http.HttpResponse;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.Http2Exception;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The contract on Spring MVC and Tomcat (the sample's default mode), and what only the servlet stack has: an error
 * dispatch, and a server that lets connection-specific headers through on HTTP/2, which proves the strict client
 * of the contract notices them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.http-port=0",
				// A list property comes whole from one source: the sample's own rule, plus one over the error page.
				"upgrade-required.rules[0].paths=/admin/**,/error", "upgrade-required.rules[0].protocol=tls" })
@Import({ AbstractSampleContractTests.ContractEndpoints.class, ServletSampleContractTests.ServletEndpoints.class })
class ServletSampleContractTests extends AbstractSampleContractTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void servedByTomcatOnBothPorts() {
		assertThat(this.context.getWebServer()).isInstanceOf(TomcatWebServer.class);
		assertThat(((TomcatWebServer) this.context.getWebServer()).getTomcat().getService().findConnectors())
			.extracting((connector) -> connector.getLocalPort())
			.containsExactlyInAnyOrder(this.httpsPort, this.httpPort);
	}

	@Test
	void strictHttp2ClientRejectsConnectionSpecificHeadersSoTheChecksAboveCanFail() {
		assertThatException().isThrownBy(() -> strictH2c("/test/malformed-http2"))
			.withRootCauseInstanceOf(Http2Exception.class)
			.withStackTraceContaining("Illegal connection-specific header");
	}

	@Test
	void errorDispatchIsLeftAloneEvenWhereARuleCoversTheErrorPage() throws Exception {
		HttpResponse<String> response = send(http11(), http("/test/fails"));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Upgrade")).isEmpty();
		assertThat(json.readTree(response.body()).get("path").asString()).isEqualTo("/test/fails");
		assertThat(send(http11(), http("/error")).statusCode()).isEqualTo(426);
	}

	/**
	 * Sends what this library must never send on HTTP/2, to prove that the strict client notices, and fails so that
	 * the error dispatch can be observed.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class ServletEndpoints {

		@GetMapping("/test/malformed-http2")
		void malformed(HttpServletResponse response) throws Exception {
			response.setHeader(HttpHeaderNames.CONNECTION.toString(), "Upgrade");
			response.setHeader(HttpHeaderNames.UPGRADE.toString(), "TLS/1.2");
			response.getWriter().write("malformed");
		}

		@GetMapping("/test/fails")
		void fails() {
			throw new IllegalStateException("failing on purpose");
		}

	}

}
