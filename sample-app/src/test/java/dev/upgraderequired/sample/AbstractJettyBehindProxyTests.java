package dev.upgraderequired.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jetty behind a TLS-terminating proxy that the application trusts ({@code server.forward-headers-strategy=native}),
 * without TLS of its own: what the proxy's headers say is what counts, and a request without them is cleartext.
 * Subclasses run it on Spring MVC and on WebFlux.
 */
abstract class AbstractJettyBehindProxyTests {

	@LocalServerPort
	int port;

	@Test
	void requestThatTheProxyReceivedOverTlsIsServedAsTls() throws Exception {
		for (String header : new String[] { "X-Forwarded-Proto: https", "Forwarded: proto=https" }) {
			RawHttp.Response response = RawHttp.exchange(this.port, "GET", "/api/secure", header);
			assertThat(response.status()).as(header).isEqualTo(200);
			assertThat(response.body()).contains("\"endpoint\":\"secure\"", "\"secure\":true", "\"tls\":\"none\"");
		}
	}

	@Test
	void requestThatTheProxyReceivedInCleartextIsRefused() throws Exception {
		assertThat(RawHttp.exchange(this.port, "GET", "/api/secure").status()).isEqualTo(426);
		assertThat(RawHttp.exchange(this.port, "GET", "/api/secure", "X-Forwarded-Proto: http").status())
			.isEqualTo(426);
		assertThat(RawHttp.exchange(this.port, "GET", "/admin/status").status()).isEqualTo(426);
	}

}
