package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.UpgradePolicy;
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

	private final UpgradePolicy ruleWithMinimum = UpgradePolicy.builder()
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.TLS_1_3, "min-tls-version")
		.build();

	@ParameterizedTest
	@ValueSource(strings = { "native", "framework", "NATIVE" })
	void minimumTlsVersionBehindTrustedForwardedHeadersIsWarnedAbout(String strategy, CapturedOutput output) {
		assertThat(warning("server.forward-headers-strategy", strategy).warnIfUnenforceable(this.ruleWithMinimum))
			.isTrue();
		assertThat(output).contains("WARN").contains(WARNING).contains("server.forward-headers-strategy=");
	}

	@Test
	void minimumTlsVersionOfAHandlerCountsToo(CapturedOutput output) {
		UpgradePolicy annotated = UpgradePolicy.builder()
			.resolver((handler) -> ProtocolRequirement.tls(TlsVersion.TLS_1_2))
			.build();
		annotated.index().requirementOf(new Object());
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
		UpgradePolicy anyTls = UpgradePolicy.builder()
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.build();
		assertThat(warning("server.forward-headers-strategy", "native").warnIfUnenforceable(anyTls)).isFalse();
		assertThat(output).doesNotContain(WARNING);
	}

	private static UnknownTlsVersionWarning warning(String property, String value) {
		return new UnknownTlsVersionWarning(new MockEnvironment().withProperty(property, value));
	}

}
