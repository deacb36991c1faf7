package dev.upgraderequired;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
		assertThat(combined).hasToString("TLS 1.3+ and HTTP/2");
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
	}

	@Test
	void minimumTlsVersionIsOnlyAllowedWithTls() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProtocolRequirement.of(Protocol.HTTP_2, TlsVersion.TLS_1_2));
	}

	@Test
	void protocolValuesAreParsedLeniently() {
		assertThat(Protocol.parse("tls")).isEqualTo(Protocol.TLS);
		assertThat(Protocol.parse("HTTP_2")).isEqualTo(Protocol.HTTP_2);
		assertThat(Protocol.parse("http-2")).isEqualTo(Protocol.HTTP_2);
		assertThat(Protocol.parse("http2")).isEqualTo(Protocol.HTTP_2);
		assertThat(Protocol.parse(" WebSocket ")).isEqualTo(Protocol.WEBSOCKET);
		assertThat(Protocol.parse("ssl")).isNull();
		assertThat(Protocol.parse(null)).isNull();
	}

	@Test
	void tlsVersionsAreParsedFromConfigurationAndComparedWithNegotiatedProtocols() {
		assertThat(TlsVersion.parse("1.3")).isEqualTo(TlsVersion.TLS_1_3);
		assertThat(TlsVersion.parse("TLSv1.2")).isEqualTo(TlsVersion.TLS_1_2);
		assertThat(TlsVersion.parse("tls/1.3")).isEqualTo(TlsVersion.TLS_1_3);
		assertThat(TlsVersion.parse("1.4")).isNull();
		assertThat(TlsVersion.parse("1.1")).isNull();
		assertThat(TlsVersion.supportedValues()).isEqualTo("1.2, 1.3");
		assertThat(TlsVersion.TLS_1_3.isSatisfiedBy("TLSv1.3")).isTrue();
		assertThat(TlsVersion.TLS_1_3.isSatisfiedBy("TLSv1.2")).isFalse();
		assertThat(TlsVersion.TLS_1_2.isSatisfiedBy("TLSv1")).isFalse();
		assertThat(TlsVersion.TLS_1_2.isSatisfiedBy("SSLv3")).isFalse();
		assertThat(TlsVersion.TLS_1_3.isSatisfiedBy("NONE")).isTrue();
	}

}
