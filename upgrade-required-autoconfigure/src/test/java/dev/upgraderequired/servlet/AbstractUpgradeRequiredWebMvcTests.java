package dev.upgraderequired.servlet;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour of the Spring MVC adapter, run with {@code spring.mvc.problemdetails.enabled} on and off.
 */
@AutoConfigureMockMvc
abstract class AbstractUpgradeRequiredWebMvcTests {

	static final List<String> TLS_TOKENS = List.of("TLS/1.3", "TLS/1.2", "HTTP/1.1");

	@Autowired
	MockMvcTester mvc;

	@Test
	void endpointWithoutRequirementServesEveryProtocol() {
		assertThat(this.mvc.get().uri("/plain")).hasStatusOk().hasBodyTextEqualTo("plain");
		assertThat(this.mvc.get().uri("/plain").with(http2())).hasStatusOk();
		assertThat(this.mvc.get().uri("/plain").with(tls("TLSv1.2"))).hasStatusOk();
	}

	@Test
	void endpointWithoutRequirementServesARequestThatOffersAnUpgrade() {
		assertThat(this.mvc.get().uri("/plain").header("Upgrade", "TLS/1.2").header("Connection", "Upgrade"))
			.hasStatusOk()
			.hasBodyTextEqualTo("plain");
	}

	@Test
	void classLevelTlsRequirementRefusesCleartextWithAFullProblem() {
		MvcTestResult result = this.mvc.get().uri("/class/inherited?a=1").exchange();
		assertUpgradeRequired(result, "TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("about:blank");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Upgrade Required");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("only served over TLS");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/class/inherited");
		assertThat(result).bodyJson().extractingPath("$.upgrade").isEqualTo(TLS_TOKENS);
		assertThat(result).bodyJson()
			.extractingPath("$.httpsUrl")
			.isEqualTo("https://localhost:8443/class/inherited?a=1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/class/inherited", "/rule/thing" })
	void corsPreflightIsNotRefused(String path) {
		MvcTestResult result = this.mvc.options()
			.uri(path)
			.header("Origin", "https://example.com")
			.header("Access-Control-Request-Method", "GET")
			.exchange();
		assertThat(result.getResponse().getStatus()).isNotEqualTo(426);
		assertThat(result).doesNotContainHeader("Upgrade");
	}

	@Test
	void classLevelTlsRequirementIsSatisfiedByTls() {
		assertThat(this.mvc.get().uri("/class/inherited").with(tls("TLSv1.2"))).hasStatusOk()
			.hasBodyTextEqualTo("inherited");
	}

	@Test
	void methodAnnotationWinsOverClassAnnotation() {
		assertUpgradeRequired(this.mvc.get().uri("/class/overridden").with(tls("TLSv1.3")).exchange(), "HTTP/2.0");
		assertThat(this.mvc.get().uri("/class/overridden").with(http2())).hasStatusOk();
	}

	@Test
	void minimumTlsVersionRefusesOlderTls() {
		MvcTestResult result = this.mvc.get().uri("/modern").with(tls("TLSv1.2")).exchange();
		assertUpgradeRequired(result, "TLS/1.3, HTTP/1.1");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("TLS 1.3 or later");
		assertThat(result).bodyJson().doesNotHavePath("$.httpsUrl");
		assertThat(this.mvc.get().uri("/modern").with(tls("TLSv1.3"))).hasStatusOk();
		assertUpgradeRequired(this.mvc.get().uri("/modern").exchange(), "TLS/1.3, HTTP/1.1");
	}

	@Test
	void http2RequirementRefusesHttp11WithH2cOnCleartext() {
		assertUpgradeRequired(this.mvc.get().uri("/h2").exchange(), "h2c");
		assertThat(this.mvc.get().uri("/h2").with(http2())).hasStatusOk();
	}

	@Test
	void metaAnnotationWorksIncludingAliasedAttributes() {
		assertUpgradeRequired(this.mvc.get().uri("/meta").exchange(), "TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(this.mvc.get().uri("/meta").with(tls("TLSv1.2"))).hasStatusOk();
		assertUpgradeRequired(this.mvc.get().uri("/meta-modern").with(tls("TLSv1.2")).exchange(), "TLS/1.3, HTTP/1.1");
	}

	@Test
	void propertyRuleRefusesCleartextWithoutAnAnnotation() {
		assertUpgradeRequired(this.mvc.get().uri("/rule/thing").exchange(), "TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(this.mvc.get().uri("/rule/thing").with(tls("TLSv1.2"))).hasStatusOk();
	}

	@Test
	void http2ResponseCarriesNoConnectionSpecificHeadersAndTheTokensInTheBody() {
		MvcTestResult result = this.mvc.get().uri("/class/inherited").with(http2()).exchange();
		assertThat(result).hasStatus(426)
			.hasContentType("application/problem+json")
			.hasHeader("Cache-Control", "no-store")
			.doesNotContainHeader("Upgrade")
			.doesNotContainHeader("Connection");
		assertThat(result).bodyJson().extractingPath("$.upgrade").isEqualTo(TLS_TOKENS);
	}

	@Test
	void userThrownExceptionGetsExactlyTheAnnotationsResponse() throws Exception {
		MvcTestResult thrown = this.mvc.get().uri("/thrown").with(tls("TLSv1.2")).exchange();
		MvcTestResult annotated = this.mvc.get().uri("/modern").with(tls("TLSv1.2")).exchange();
		assertUpgradeRequired(thrown, "TLS/1.3, HTTP/1.1");
		assertThat(thrown.getResponse().getContentAsString().replace("/thrown", "/modern"))
			.isEqualTo(annotated.getResponse().getContentAsString());
		assertUpgradeRequired(this.mvc.get().uri("/thrown-http2").exchange(), "h2c");
	}

	@Test
	void thrownExceptionThatTheRequestMeetsIsAServerErrorThatTellsItToUpgradeNowhere() {
		MvcTestResult result = this.mvc.get().uri("/thrown-http2").with(http2()).exchange();
		assertThat(result).hasStatus(500)
			.hasContentType("application/problem+json")
			.hasHeader("Cache-Control", "no-store")
			.doesNotContainHeader("Upgrade")
			.doesNotContainHeader("Connection");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Internal Server Error");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("already uses it");
		assertThat(result).bodyJson().doesNotHavePath("$.upgrade");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/json", "application/xml", "text/html", "image/png",
			"application/problem+json", "text/html;q=0.9, application/xml;q=0.8", "not a media type" })
	void anyAcceptHeaderGetsTheProblem(String accept) {
		assertUpgradeRequired(this.mvc.get().uri("/class/inherited").header("Accept", accept).exchange(),
				"TLS/1.3, TLS/1.2, HTTP/1.1");
		assertUpgradeRequired(this.mvc.get().uri("/thrown").header("Accept", accept).exchange(),
				"TLS/1.3, HTTP/1.1");
	}

	@Test
	void protectedEndpointWhoseProducesConditionFailsGets426Not406() {
		assertUpgradeRequired(this.mvc.get().uri("/xml").header("Accept", "application/json").exchange(),
				"TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(this.mvc.get().uri("/xml").header("Accept", "application/json").with(tls("TLSv1.3")))
			.hasStatus(406);
		assertThat(this.mvc.get().uri("/xml").header("Accept", "application/xml").with(tls("TLSv1.3")))
			.hasStatusOk();
	}

	@Test
	void mediaTypeRefusalForAnUnprotectedEndpointBesideAProtectedPatternStays406() {
		assertThat(this.mvc.get().uri("/items/export").header("Accept", "application/xml")).hasStatus(406);
		assertUpgradeRequired(this.mvc.get().uri("/items/1").header("Accept", "application/xml").exchange(),
				"TLS/1.3, TLS/1.2, HTTP/1.1");
	}

	@Test
	void notAcceptableStaysNotAcceptableWhenTheProtectedSiblingDoesNotMatchTheParameters() {
		assertThat(this.mvc.get().uri("/sibling").header("Accept", "text/html")).hasStatus(406);
		assertUpgradeRequired(this.mvc.get().uri("/sibling?admin").header("Accept", "text/html").exchange(),
				"TLS/1.3, TLS/1.2, HTTP/1.1");
	}

	@Test
	void severalMetaAnnotationsOnOneMethodAllApply() {
		assertUpgradeRequired(this.mvc.get().uri("/tls-and-h2").exchange(), "TLS/1.3, TLS/1.2, HTTP/2.0");
		assertUpgradeRequired(this.mvc.get().uri("/tls-and-h2").with(tls("TLSv1.3")).exchange(), "HTTP/2.0");
		assertThat(this.mvc.get().uri("/tls-and-h2").with(tls("TLSv1.3")).with(http2())).hasStatusOk();
	}

	@Test
	void upgradeTokenWithAVersionIsNotAWebSocketHandshake() {
		assertUpgradeRequired(this.mvc.get()
			.uri("/ws")
			.header("Upgrade", "websocket/13")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "13")
			.exchange(), "websocket");
	}

	@Test
	void protectedEndpointWhoseConsumesConditionFailsGets426Not415() {
		assertUpgradeRequired(this.mvc.post().uri("/json-in").contentType("text/plain").content("x").exchange(),
				"TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(this.mvc.post().uri("/json-in").contentType("text/plain").content("x").with(tls("TLSv1.3")))
			.hasStatus(415);
	}

	@Test
	void exceptionThrownByAWebSocketHandshakeInterceptorIsRendered() {
		MvcTestResult result = this.mvc.get()
			.uri("/ws-guarded")
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "13")
			.exchange();
		assertUpgradeRequired(result, "TLS/1.3, TLS/1.2, HTTP/1.1");
	}

	@Test
	void headGetsTheSameStatusAndHeadersWithoutBody() {
		MvcTestResult get = this.mvc.get().uri("/class/inherited").exchange();
		MvcTestResult head = this.mvc.head().uri("/class/inherited").exchange();
		assertThat(head).hasStatus(426)
			.hasHeader("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1")
			.hasHeader("Connection", "Upgrade")
			.hasContentType("application/problem+json")
			.hasHeader("Content-Length", String.valueOf(get.getResponse().getContentAsByteArray().length));
		assertThat(head.getResponse().getContentAsByteArray()).isEmpty();
	}

	@Test
	void plainRequestToWebSocketEndpointGetsUpgradeWebsocket() {
		assertUpgradeRequired(this.mvc.get().uri("/ws").exchange(), "websocket");
	}

	@Test
	void unsupportedWebSocketVersionGetsTheSupportedVersion() {
		MvcTestResult result = this.mvc.get()
			.uri("/ws")
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "8")
			.exchange();
		assertUpgradeRequired(result, "websocket");
		assertThat(result).hasHeader("Sec-WebSocket-Version", "13");
	}

	@Test
	void clientForwardingHeadersAreNotTrusted() {
		assertUpgradeRequired(this.mvc.get()
			.uri("/class/inherited")
			.header("X-Forwarded-Proto", "https")
			.header("Forwarded", "proto=https")
			.header("X-Forwarded-Ssl", "on")
			.exchange(), "TLS/1.3, TLS/1.2, HTTP/1.1");
	}

	static void assertUpgradeRequired(MvcTestResult result, String upgrade) {
		assertThat(result).hasStatus(426)
			.hasHeader("Upgrade", upgrade)
			.hasHeader("Connection", "Upgrade")
			.hasHeader("Cache-Control", "no-store")
			.hasContentType("application/problem+json");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(426);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Upgrade Required");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.upgrade").isEqualTo(List.of(upgrade.split(", ")));
	}

	static RequestPostProcessor tls(String protocol) {
		return (request) -> {
			request.setSecure(true);
			request.setScheme("https");
			// Where Tomcat exposes the negotiated protocol, and so what MockMvc requests are read like.
			request.setAttribute("jakarta.servlet.request.secure_protocol", protocol);
			return request;
		};
	}

	static RequestPostProcessor http2() {
		return (request) -> {
			request.setProtocol("HTTP/2.0");
			return request;
		};
	}

}
