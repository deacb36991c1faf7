package dev.upgraderequired.reactive;

import java.time.Duration;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.ResponsePlan;
import dev.upgraderequired.core.UpgradePolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ReactiveRefusalWriter}.
 */
class ReactiveRefusalWriterTests {

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.httpsPort(() -> 8443)
		.resolver((handler) -> ProtocolRequirement.tls())
		.build();

	private final ReactiveRefusalWriter writer = new ReactiveRefusalWriter(ReactorNettyRequestFacts.INSTANCE);

	@Test
	void problemIsWrittenWithItsLengthAndHttp1Headers() {
		MockServerWebExchange exchange = write(MockServerHttpRequest.get("http://example.com/p?q=1"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
		assertThat(exchange.getResponse().getHeaders().getFirst("Upgrade")).isEqualTo("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(exchange.getResponse().getHeaders().getFirst("Connection")).isEqualTo("Upgrade");
		assertThat(exchange.getResponse().getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
		String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
		assertThat(body).contains("\"instance\":\"/p\"")
			.contains("\"httpsUrl\":\"https://example.com:8443/p?q=1\"");
		assertThat(exchange.getResponse().getHeaders().getContentLength()).isEqualTo(body.length());
	}

	@Test
	void http2RefusalCarriesNeitherUpgradeNorConnection() {
		Http2Facts facts = new Http2Facts();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://example.com/p"));
		new ReactiveRefusalWriter(facts).write(plan(exchange, facts), exchange).block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
		assertThat(exchange.getResponse().getHeaders().headerNames()).doesNotContain("Upgrade", "Connection")
			.contains("Cache-Control", "Content-Type");
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"upgrade\":[\"TLS/1.3\",\"TLS/1.2\",\"HTTP/1.1\"]");
	}

	@Test
	void headGetsTheHeadersAndLengthButNoBody() {
		MockServerWebExchange get = write(MockServerHttpRequest.get("/p"));
		MockServerWebExchange head = write(MockServerHttpRequest.head("/p"));
		assertThat(head.getResponse().getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
		assertThat(head.getResponse().getHeaders().getContentLength())
			.isEqualTo(get.getResponse().getHeaders().getContentLength());
		assertThat(head.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).isEmpty();
	}

	@Test
	void headersThatDescribedTheHandlersRepresentationAreRemoved() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/p"));
		exchange.getResponse().getHeaders().set("Content-Encoding", "gzip");
		exchange.getResponse().getHeaders().set("ETag", "\"1\"");
		exchange.getResponse().getHeaders().set("Access-Control-Allow-Origin", "*");
		this.writer.write(plan(exchange, ReactorNettyRequestFacts.INSTANCE), exchange).block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getHeaders().headerNames()).doesNotContain("Content-Encoding", "ETag")
			.contains("Access-Control-Allow-Origin");
	}

	@Test
	void httpsUrlIsGivenOnlyToCleartextRequests() {
		// Refused over TLS 1.2 for lack of TLS 1.3.
		UpgradePolicy tls13 = UpgradePolicy.builder()
			.httpsPort(() -> 8443)
			.resolver((handler) -> ProtocolRequirement.tls(TlsVersion.TLS_1_3))
			.build();
		ReactiveRequestFacts tls12 = new Http2Facts() {

			@Override
			public String tlsProtocol(ServerHttpRequest request) {
				return "TLSv1.2";
			}

		};
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://example.com/p"));
		Decision decision = tls13.decider()
			.decide(exchange, new ReactiveRequestView(tls12, new ReactiveMappedHandlerRequirements()), new Object());
		assertThat(decision).isInstanceOf(Decision.Refuse.class);
		this.writer.write(((Decision.Refuse) decision).response(), exchange).block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).doesNotContain("httpsUrl");
	}

	@Test
	void committedResponseIsAnError() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/p"));
		ResponsePlan plan = plan(exchange, ReactorNettyRequestFacts.INSTANCE);
		exchange.getResponse().setComplete().block(Duration.ofSeconds(5));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.writer.write(plan, exchange).block(Duration.ofSeconds(5)))
			.withMessageContaining("committed");
	}

	private MockServerWebExchange write(MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		this.writer.write(plan(exchange, ReactorNettyRequestFacts.INSTANCE), exchange).block(Duration.ofSeconds(5));
		return exchange;
	}

	// What the policy decides for a handler that requires TLS, as the adapter's filter does.
	private ResponsePlan plan(MockServerWebExchange exchange, ReactiveRequestFacts facts) {
		Decision decision = this.policy.decider()
			.decide(exchange, new ReactiveRequestView(facts, new ReactiveMappedHandlerRequirements()), new Object());
		assertThat(decision).isInstanceOf(Decision.Respond.class);
		return ((Decision.Respond) decision).response();
	}

	static class Http2Facts implements ReactiveRequestFacts {

		@Override
		public @Nullable String tlsProtocol(ServerHttpRequest request) {
			return null;
		}

		@Override
		public boolean isHttp1(ServerHttpRequest request) {
			return false;
		}

	}

}
