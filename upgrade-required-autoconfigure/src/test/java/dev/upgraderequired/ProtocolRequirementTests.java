package dev.upgraderequired;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ProtocolRequirement}, {@link Protocol} and {@link TlsVersion}.
 */
class ProtocolRequirementTests {

	@Test
	void requirementsAreCanonical() {
		assertThat(ProtocolRequirement.of(Protocol.TLS, TlsVersion.TLS_1_3))
			.isSameAs(ProtocolRequirement.tls(TlsVersion.TLS_1_3));
		assertThat(ProtocolRequirement.values()).hasSize(16).doesNotHaveDuplicates();
		assertThat(ProtocolRequirement.values().get(0)).isSameAs(ProtocolRequirement.none());
	}

	@Test
	void andKeepsTheStricterTlsRequirementAndEveryOtherProtocol() {
		ProtocolRequirement combined = ProtocolRequirement.tls()
			.and(ProtocolRequirement.tls(TlsVersion.TLS_1_3))
			.and(ProtocolRequirement.http2());
		assertThat(combined.minTlsVersion()).isEqualTo(TlsVersion.TLS_1_3);
		assertThat(combined.requiresHttp2()).isTrue();
		assertThat(combined.requiresWebSocket()).isFalse();
		assertThat(combined).hasToString("TLS 1.3 or later and HTTP/2");
		assertThat(ProtocolRequirement.none().and(ProtocolRequirement.none()).isNone()).isTrue();
		assertThat(ProtocolRequirement.websocket().and(ProtocolRequirement.none()))
			.isSameAs(ProtocolRequirement.websocket());
	}

	@Test
	void acceptableTlsVersionsAreNewestFirst() {
		assertThat(ProtocolRequirement.tls().acceptableTlsVersions()).containsExactly(TlsVersion.TLS_1_3,
				TlsVersion.TLS_1_2);
		assertThat(ProtocolRequirement.tls(TlsVersion.TLS_1_3).acceptableTlsVersions())
			.containsExactly(TlsVersion.TLS_1_3);
		assertThat(ProtocolRequirement.http2().acceptableTlsVersions()).isEmpty();
		assertThat(ProtocolRequirement.tls(TlsVersion.ANY)).isSameAs(ProtocolRequirement.tls());
		assertThat(ProtocolRequirement.tls().minTlsVersion()).isEqualTo(TlsVersion.ANY);
		assertThat(ProtocolRequirement.http2().minTlsVersion()).isEqualTo(TlsVersion.ANY);
	}

	@Test
	void upgradeTokensNameWhatACleartextHttp11ClientHasToSwitchTo() {
		assertThat(ProtocolRequirement.tls().upgradeTokens()).containsExactly("TLS/1.3", "TLS/1.2", "HTTP/1.1");
		assertThat(ProtocolRequirement.tls(TlsVersion.TLS_1_3).and(ProtocolRequirement.http2()).upgradeTokens())
			.containsExactly("TLS/1.3", "HTTP/2.0");
		assertThat(ProtocolRequirement.http2().upgradeTokens()).containsExactly("h2c");
		assertThat(ProtocolRequirement.websocket().and(ProtocolRequirement.http2()).upgradeTokens())
			.containsExactly("h2c");
		assertThat(ProtocolRequirement.websocket().upgradeTokens()).containsExactly("websocket");
		assertThat(ProtocolRequirement.none().upgradeTokens()).isEmpty();
	}

	@Test
	void minimumTlsVersionIsOnlyAllowedWithTls() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProtocolRequirement.of(Protocol.HTTP_2, TlsVersion.TLS_1_2));
	}

	@Test
	void tlsVersionsAreComparedWithNegotiatedProtocols() {
		assertThat(TlsVersion.TLS_1_3.isSatisfiedBy("TLSv1.3")).isTrue();
		assertThat(TlsVersion.TLS_1_3.isSatisfiedBy("TLSv1.2")).isFalse();
		assertThat(TlsVersion.TLS_1_2.isSatisfiedBy("TLSv1")).isFalse();
		assertThat(TlsVersion.TLS_1_2.isSatisfiedBy("SSLv3")).isFalse();
		assertThat(TlsVersion.TLS_1_3.isSatisfiedBy("TLSv1.4")).isTrue();
		assertThat(TlsVersion.TLS_1_2.isSatisfiedBy("NONE")).isFalse();
		assertThat(TlsVersion.TLS_1_2.isSatisfiedBy("DTLSv1.2")).isFalse();
		assertThat(TlsVersion.ANY.isSatisfiedBy("SSLv3")).isTrue();
		assertThatIllegalStateException().isThrownBy(TlsVersion.ANY::upgradeToken);
		assertThat(TlsVersion.TLS_1_2.upgradeToken()).isEqualTo("TLS/1.2");
	}

}
