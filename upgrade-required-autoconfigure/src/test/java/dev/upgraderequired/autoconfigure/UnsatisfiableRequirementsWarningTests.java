package dev.upgraderequired.autoconfigure;

import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnsatisfiableRequirementsWarning}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsatisfiableRequirementsWarningTests {

	// Handlers are resolved once per class.
	private final UpgradePolicy policy = UpgradePolicy.builder()
		.rule("/admin/**", "upgrade-required.rules[0].paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.resolver((handler) -> (handler instanceof Secure) ? ProtocolRequirement.tls()
				: (handler instanceof Stream) ? ProtocolRequirement.http2()
						: (handler instanceof Socket) ? ProtocolRequirement.websocket() : ProtocolRequirement.none())
		.build();

	UnsatisfiableRequirementsWarningTests() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/api/secure"), List.of("GET"), new Secure(), "ApiController#secure()");
		handlers.add(List.of("/api/stream"), List.of("GET"), new Stream(), "ApiController#stream()");
		handlers.add(List.of("/api/socket"), List.of("GET"), new Socket(), "ApiController#socket()");
		handlers.add(List.of("/api/hello"), List.of("GET"), new Object(), "ApiController#hello()");
		this.policy.index().index(handlers);
	}

	@Test
	void tlsWithoutATlsListenerOrTrustedProxyIsWarnedAboutNamingWhatRequiresItAndWhatToConfigure(
			CapturedOutput output) {
		List<String> warnings = warning(new MockEnvironment(), new ServerProperties()).warnIfUnsatisfiable(this.policy,
				true);
		assertThat(warnings).filteredOn((warning) -> warning.contains("require TLS"))
			.singleElement()
			.satisfies((warning) -> assertThat(warning).startsWith("upgrade-required: 2 endpoints and rules require TLS")
				.contains("ApiController#secure() [/api/secure]", "rule /admin/**", "server.ssl.bundle",
						"upgrade-required.cleartext.port", "server.forward-headers-strategy=native or framework")
				.doesNotContain("ApiController#hello()"));
		assertThat(output).contains("WARN").contains("require TLS");
	}

	@Test
	void tlsIsNotWarnedAboutWhenTheServerServesTlsOrAProxyIsTrusted() {
		ServerProperties tls = new ServerProperties();
		Ssl ssl = new Ssl();
		ssl.setBundle("demo");
		tls.setSsl(ssl);
		assertThat(warning(new MockEnvironment(), tls).warnIfUnsatisfiable(this.policy, true))
			.noneMatch((warning) -> warning.contains("require TLS"));
		assertThat(warning(new MockEnvironment().withProperty("server.forward-headers-strategy", "native"),
				new ServerProperties())
			.warnIfUnsatisfiable(this.policy, true)).noneMatch((warning) -> warning.contains("require TLS"));
	}

	@Test
	void http2WithoutServerHttp2EnabledIsWarnedAboutUntilItIsEnabled() {
		ServerProperties properties = new ServerProperties();
		assertThat(warning(new MockEnvironment(), properties).warnIfUnsatisfiable(this.policy, true))
			.filteredOn((warning) -> warning.contains("HTTP/2, but"))
			.singleElement()
			.satisfies((warning) -> assertThat(warning).contains("1 endpoint or rule requires HTTP/2",
					"ApiController#stream() [/api/stream]", "server.http2.enabled=true"));
		properties.getHttp2().setEnabled(true);
		assertThat(warning(new MockEnvironment(), properties).warnIfUnsatisfiable(this.policy, true))
			.noneMatch((warning) -> warning.contains("HTTP/2, but"));
	}

	@Test
	void webSocketOnAnEndpointThatIsNoHandshakeHandlerIsWarnedAboutEvenWithoutAServer() {
		assertThat(warning(new MockEnvironment(), new ServerProperties()).warnIfUnsatisfiable(this.policy, false))
			.singleElement()
			.satisfies((warning) -> assertThat(warning).contains("requires a WebSocket handshake, but no WebSocket handshake handler",
					"ApiController#socket() [/api/socket]"));
	}

	@Test
	void applicationWhoseRequirementsCanBeMetGetsNoWarning(CapturedOutput output) {
		UpgradePolicy open = UpgradePolicy.builder().build();
		assertThat(warning(new MockEnvironment(), new ServerProperties()).warnIfUnsatisfiable(open, true)).isEmpty();
		assertThat(output).doesNotContain("WARN");
	}

	static class Secure {

	}

	static class Stream {

	}

	static class Socket {

	}

	private static UnsatisfiableRequirementsWarning warning(MockEnvironment environment, ServerProperties properties) {
		return new UnsatisfiableRequirementsWarning(environment, properties);
	}

}
