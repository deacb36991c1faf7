package dev.upgraderequired.core;

import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeRequiredException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeDecider}.
 */
class UpgradeDeciderTests {

	private static final Offer CLEARTEXT_H1 = new Offer(false, null, true, false, null);

	private static final Offer CLEARTEXT_H2 = new Offer(false, null, false, false, null);

	private static final Offer TLS12_H1 = new Offer(true, "TLSv1.2", true, false, null);

	private static final Offer TLS13_H1 = new Offer(true, "TLSv1.3", true, false, null);

	private static final Offer TLS13_H2 = new Offer(true, "TLSv1.3", false, false, null);

	@Test
	void noRequirementAllowsEverything() {
		for (Offer offer : List.of(CLEARTEXT_H1, CLEARTEXT_H2, TLS12_H1, TLS13_H2)) {
			assertThat(decide(ProtocolRequirement.none(), offer)).isNull();
		}
	}

	@Test
	void tlsIsRefusedOnCleartextWithTlsTokensThenHttp11() {
		Rejection rejection = decide(ProtocolRequirement.tls(), CLEARTEXT_H1);
		assertThat(rejection.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(rejection.upgradeTokens()).containsExactly("TLS/1.3", "TLS/1.2", "HTTP/1.1");
		assertThat(rejection.needsTls()).isTrue();
	}

	@Test
	void tlsIsAllowedOnAnyTlsVersion() {
		assertThat(decide(ProtocolRequirement.tls(), TLS12_H1)).isNull();
		assertThat(decide(ProtocolRequirement.tls(), new Offer(true, "TLSv1", true, false, null))).isNull();
	}

	@Test
	void minimumTlsVersionRefusesOlderVersionsAndAdvertisesOnlyAcceptableOnes() {
		Rejection rejection = decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), TLS12_H1);
		assertThat(rejection.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
		assertThat(rejection.upgradeTokens()).containsExactly("TLS/1.3", "HTTP/1.1");
		assertThat(rejection.needsTls()).isFalse();
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), TLS13_H1)).isNull();
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_2), TLS12_H1)).isNull();
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_2), new Offer(true, "TLSv1.1", true, false, null))
			.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_2), new Offer(true, "SSLv3", true, false, null))
			.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
	}

	@Test
	void minimumTlsVersionOnCleartextAsksForTlsFirst() {
		Rejection rejection = decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), CLEARTEXT_H1);
		assertThat(rejection.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(rejection.upgradeTokens()).containsExactly("TLS/1.3", "HTTP/1.1");
		assertThat(rejection.detail()).contains("TLS 1.3 or later");
	}

	@Test
	void secureRequestWithUnknownTlsVersionSatisfiesAMinimumSinceAProxyTerminatedTls() {
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), new Offer(true, null, true, false, null)))
			.isNull();
	}

	@Test
	void http2IsRefusedOnHttp11WithH2cOnCleartextAndHttp20OverTls() {
		assertThat(decide(ProtocolRequirement.http2(), CLEARTEXT_H1).upgradeTokens()).containsExactly("h2c");
		assertThat(decide(ProtocolRequirement.http2(), TLS13_H1).upgradeTokens()).containsExactly("HTTP/2.0");
		assertThat(decide(ProtocolRequirement.http2(), CLEARTEXT_H1).detail()).contains("h2c");
		assertThat(decide(ProtocolRequirement.http2(), TLS13_H1).detail()).contains("ALPN");
		assertThat(decide(ProtocolRequirement.http2(), CLEARTEXT_H2)).isNull();
		assertThat(decide(ProtocolRequirement.http2(), TLS13_H2)).isNull();
	}

	@Test
	void webSocketRefusesPlainRequestsAndUnsupportedVersions() {
		Rejection plain = decide(ProtocolRequirement.websocket(), CLEARTEXT_H1);
		assertThat(plain.reason()).isEqualTo(UpgradeReason.WEBSOCKET_REQUIRED);
		assertThat(plain.upgradeTokens()).containsExactly("websocket");
		Rejection version = decide(ProtocolRequirement.websocket(), new Offer(false, null, true, true, "8"));
		assertThat(version.reason()).isEqualTo(UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED);
		assertThat(version.headers(true)).contains(new Rejection.Header("Sec-WebSocket-Version", "13"));
		assertThat(decide(ProtocolRequirement.websocket(), new Offer(false, null, true, true, null)).reason())
			.isEqualTo(UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED);
		assertThat(decide(ProtocolRequirement.websocket(), new Offer(false, null, true, true, "13"))).isNull();
	}

	@Test
	void combinedRequirementsAreCheckedInTheOrderAClientFixesThem() {
		ProtocolRequirement tlsAndHttp2 = ProtocolRequirement.tls().and(ProtocolRequirement.http2());
		Rejection first = decide(tlsAndHttp2, CLEARTEXT_H1);
		assertThat(first.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(first.upgradeTokens()).containsExactly("TLS/1.3", "TLS/1.2", "HTTP/2.0");
		assertThat(decide(tlsAndHttp2, TLS13_H1).reason()).isEqualTo(UpgradeReason.HTTP2_REQUIRED);
		assertThat(decide(tlsAndHttp2, TLS13_H2)).isNull();
	}

	@Test
	void http1HeadersCarryUpgradeAndConnectionAndHttp2HeadersCarryNeither() {
		Rejection rejection = decide(ProtocolRequirement.tls(), CLEARTEXT_H1);
		assertThat(rejection.headers(true)).containsExactly(
				new Rejection.Header("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"),
				new Rejection.Header("Connection", "Upgrade"), new Rejection.Header("Cache-Control", "no-store"));
		assertThat(rejection.headers(false)).containsExactly(new Rejection.Header("Cache-Control", "no-store"));
	}

	@Test
	void rejectionsAreCanonical() {
		assertThat(decide(ProtocolRequirement.tls(), CLEARTEXT_H1)).isSameAs(decide(ProtocolRequirement.tls(), CLEARTEXT_H2));
	}

	@Test
	void upgradeTokenListsAreParsedIgnoringCaseAndWhitespace() {
		assertThat(RequestFacts.listsToken("websocket", "websocket")).isTrue();
		assertThat(RequestFacts.listsToken("h2c, WebSocket", "websocket")).isTrue();
		assertThat(RequestFacts.listsToken(" websocket ,x", "websocket")).isTrue();
		assertThat(RequestFacts.listsToken("websocket/13", "websocket")).isFalse();
		assertThat(RequestFacts.listsToken("websockets", "websocket")).isFalse();
		assertThat(RequestFacts.listsToken("TLS/1.2", "websocket")).isFalse();
		assertThat(RequestFacts.listsToken(",,", "websocket")).isFalse();
		assertThat(RequestFacts.listsToken("", "websocket")).isFalse();
		assertThat(RequestFacts.listsToken(null, "websocket")).isFalse();
	}

	@Test
	void thrownUpgradeRequiredExceptionIsDecidedAgainstTheActualRequest() {
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.http2());
		Rejection overTls = UpgradeDecider.decideFailure(thrown, TLS13_H1, Offer.FACTS);
		assertThat(overTls).isNotNull();
		assertThat(overTls.upgradeTokens()).containsExactly("HTTP/2.0");
		Rejection overCleartext = UpgradeDecider.decideFailure(thrown, CLEARTEXT_H1, Offer.FACTS);
		assertThat(overCleartext).isNotNull();
		assertThat(overCleartext.upgradeTokens()).containsExactly("h2c");
	}

	@Test
	void thrownUpgradeRequiredExceptionKeepsItsOwnRejectionWhenTheRequestSatisfiesIt() {
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.tls());
		assertThat(UpgradeDecider.decideFailure(thrown, TLS13_H2, Offer.FACTS)).isSameAs(thrown.getRejection());
	}

	@Test
	void upgradeRequiredExceptionIsFoundAmongCausesButNotBeyondABound() {
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.tls());
		Exception wrapped = new IllegalStateException("handshake failed", thrown);
		assertThat(UpgradeDecider.decideFailure(wrapped, CLEARTEXT_H1, Offer.FACTS))
			.isSameAs(decide(ProtocolRequirement.tls(), CLEARTEXT_H1));
		Exception deep = thrown;
		for (int i = 0; i < 16; i++) {
			deep = new IllegalStateException(deep);
		}
		assertThat(UpgradeDecider.decideFailure(deep, CLEARTEXT_H1, Offer.FACTS)).isNull();
	}

	@Test
	void otherFailuresAreNotAboutAnUpgradeEvenWithACyclicCauseChain() {
		Exception first = new IllegalStateException("first");
		Exception second = new IllegalArgumentException("second", first);
		first.initCause(second);
		assertThat(UpgradeDecider.decideFailure(first, CLEARTEXT_H1, Offer.FACTS)).isNull();
	}

	private static @Nullable Rejection decide(ProtocolRequirement requirement, Offer offer) {
		return UpgradeDecider.decide(requirement, offer, Offer.FACTS);
	}

	record Offer(boolean secure, @Nullable String tls, boolean http1, boolean handshake, @Nullable String wsVersion) {

		static final RequestFacts<Offer> FACTS = new RequestFacts<>() {

			@Override
			public boolean isSecure(Offer request) {
				return request.secure();
			}

			@Override
			public @Nullable String tlsProtocol(Offer request) {
				return request.tls();
			}

			@Override
			public boolean isHttp1(Offer request) {
				return request.http1();
			}

			@Override
			public boolean isWebSocketHandshake(Offer request) {
				return request.handshake();
			}

			@Override
			public @Nullable String webSocketVersion(Offer request) {
				return request.wsVersion();
			}

		};

	}

}
