package dev.upgraderequired.server;

import java.lang.reflect.Proxy;
import javax.net.ssl.SSLSession;

import org.eclipse.jetty.io.EndPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServletContainerRequestFacts}.
 */
class ServletContainerRequestFactsTests {

	@Test
	void tomcatExposesTheNegotiatedProtocolInARequestAttribute() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(ServletContainerRequestFacts.tomcat().tlsProtocol(request)).isNull();
		request.setAttribute("jakarta.servlet.request.secure_protocol", "TLSv1.2");
		assertThat(ServletContainerRequestFacts.tomcat().tlsProtocol(request)).isEqualTo("TLSv1.2");
		assertThat(ServletContainerRequestFacts.jetty(false).tlsProtocol(request)).isNull();
	}

	@Test
	void jettyExposesTheSessionOfTheConnectionInARequestAttribute() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(ServletContainerRequestFacts.jetty(false).tlsProtocol(request)).isNull();
		request.setAttribute(EndPoint.SslSessionData.ATTRIBUTE,
				EndPoint.SslSessionData.from(session("TLSv1.3"), "id", "TLS_AES_128_GCM_SHA256", null));
		assertThat(ServletContainerRequestFacts.jetty(false).tlsProtocol(request)).isEqualTo("TLSv1.3");
		assertThat(ServletContainerRequestFacts.tomcat().tlsProtocol(request)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "HTTP/1.1, true", "HTTP/1.0, true", "HTTP/2.0, false", "HTTP/3.0, true", "HTTP/2.1, true",
			"http/2.0, true", "HTTP/2, true" })
	void onlyWhatTheContainerReportsForAnHttp2StreamCountsAsHttp2(String protocol, boolean http1) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setProtocol(protocol);
		assertThat(ServletContainerRequestFacts.tomcat().isHttp1(request)).isEqualTo(http1);
		assertThat(ServletContainerRequestFacts.jetty(false).isHttp1(request)).isEqualTo(http1);
	}

	@Test
	void tlsComesFromTheContainerNotFromForwardingHeaders() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("Forwarded", "proto=https");
		assertThat(ServletContainerRequestFacts.tomcat().isSecure(request)).isFalse();
		assertThat(ServletContainerRequestFacts.jetty(true).isSecure(request)).isFalse();
		request.setSecure(true);
		assertThat(ServletContainerRequestFacts.tomcat().isSecure(request)).isTrue();
	}

	@Test
	void jettyRequestIsTlsOnlyWhenItsConnectionHasATlsSessionUnlessForwardingHeadersAreTrusted() {
		// What Jetty makes of "GET https://host/path" or ":scheme: https" on a cleartext connection.
		MockHttpServletRequest claimed = new MockHttpServletRequest();
		claimed.setSecure(true);
		claimed.setScheme("https");
		assertThat(ServletContainerRequestFacts.jetty(false).isSecure(claimed)).isFalse();
		assertThat(ServletContainerRequestFacts.jetty(true).isSecure(claimed)).isTrue();
		// "GET http://host/path" on a TLS connection.
		MockHttpServletRequest overTls = new MockHttpServletRequest();
		overTls.setAttribute(EndPoint.SslSessionData.ATTRIBUTE,
				EndPoint.SslSessionData.from(session("TLSv1.2"), "id", "TLS_AES_128_GCM_SHA256", null));
		assertThat(ServletContainerRequestFacts.jetty(false).isSecure(overTls)).isTrue();
		assertThat(ServletContainerRequestFacts.jetty(true).isSecure(overTls)).isTrue();
	}

	@Test
	void methodAndHeadersAreTheRequests() {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/");
		request.addHeader("Upgrade", "websocket");
		assertThat(ServletContainerRequestFacts.tomcat().method(request)).isEqualTo("OPTIONS");
		assertThat(ServletContainerRequestFacts.jetty(false).header(request, "upgrade")).isEqualTo("websocket");
		assertThat(ServletContainerRequestFacts.tomcat().header(request, "Origin")).isNull();
	}

	private static SSLSession session(String protocol) {
		return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(),
				new Class<?>[] { SSLSession.class },
				(proxy, method, arguments) -> method.getName().equals("getProtocol") ? protocol : null);
	}

}
