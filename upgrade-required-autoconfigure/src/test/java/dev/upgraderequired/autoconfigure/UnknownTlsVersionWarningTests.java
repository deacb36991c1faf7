package dev.upgraderequired.autoconfigure;

import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.PathRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownTlsVersionWarning}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownTlsVersionWarningTests {

	private static final String WARNING = "Enforce the minimum TLS version at the proxy";

	private final EndpointRequirements ruleWithMinimum = new EndpointRequirements(
			List.of(new PathRule(PathRule.parse("/admin/**"), ProtocolRequirement.tls(TlsVersion.TLS_1_3))),
			List.of());

	@ParameterizedTest
	@ValueSource(strings = { "native", "framework", "NATIVE" })
	void minimumTlsVersionBehindTrustedForwardedHeadersIsWarnedAbout(String strategy, CapturedOutput output) {
		assertThat(warning("server.forward-headers-strategy", strategy).warnIfUnenforceable(this.ruleWithMinimum))
			.isTrue();
		assertThat(output).contains("WARN").contains(WARNING).contains("server.forward-headers-strategy=");
	}

	@Test
	void minimumTlsVersionOfAHandlerCountsToo(CapturedOutput output) {
		EndpointRequirements annotated = new EndpointRequirements(List.of(),
				List.of((handler) -> ProtocolRequirement.tls(TlsVersion.TLS_1_2)));
		annotated.forHandler(new Object());
		assertThat(warning("server.forward-headers-strategy", "native").warnIfUnenforceable(annotated)).isTrue();
		assertThat(output).contains(WARNING);
	}

	@Test
	void cloudPlatformThatTrustsForwardedHeadersIsWarnedAbout(CapturedOutput output) {
		assertThat(warning("spring.main.cloud-platform", "kubernetes").warnIfUnenforceable(this.ruleWithMinimum))
			.isTrue();
		assertThat(output).contains("the KUBERNETES platform");
	}

	@Test
	void nothingIsSaidWithoutForwardedHeaders(CapturedOutput output) {
		assertThat(new UnknownTlsVersionWarning(new MockEnvironment()).warnIfUnenforceable(this.ruleWithMinimum))
			.isFalse();
		assertThat(warning("server.forward-headers-strategy", "none").warnIfUnenforceable(this.ruleWithMinimum))
			.isFalse();
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void nothingIsSaidWithoutAMinimumTlsVersion(CapturedOutput output) {
		EndpointRequirements anyTls = new EndpointRequirements(
				List.of(new PathRule(PathRule.parse("/admin/**"), ProtocolRequirement.tls())), List.of());
		assertThat(warning("server.forward-headers-strategy", "native").warnIfUnenforceable(anyTls)).isFalse();
		assertThat(output).doesNotContain(WARNING);
	}

	private static UnknownTlsVersionWarning warning(String property, String value) {
		return new UnknownTlsVersionWarning(new MockEnvironment().withProperty(property, value));
	}

}
