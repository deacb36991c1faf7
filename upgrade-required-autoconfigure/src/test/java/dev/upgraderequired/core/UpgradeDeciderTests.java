package dev.upgraderequired.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequestFacts;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.UpgradeRequiredException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeDecider}.
 */
class UpgradeDeciderTests {

	private static final Offer CLEARTEXT_H1 = new Offer(false, null, true);

	private static final Offer CLEARTEXT_H2 = new Offer(false, null, false);

	private static final Offer TLS12_H1 = new Offer(true, "TLSv1.2", true);

	private static final Offer TLS13_H1 = new Offer(true, "TLSv1.3", true);

	private static final Offer TLS13_H2 = new Offer(true, "TLSv1.3", false);

	private static final Supplier<ProtocolRequirement> NOTHING_MAPPED = ProtocolRequirement::none;

	@Test
	void noRequirementAllowsEverything() {
		for (Offer offer : List.of(CLEARTEXT_H1, CLEARTEXT_H2, TLS12_H1, TLS13_H2)) {
			assertThat(decide(ProtocolRequirement.none(), offer)).isNull();
		}
	}

	@Test
	void tlsIsRefusedOnCleartextWithTlsTokensThenHttp11() {
		Refusal refusal = decide(ProtocolRequirement.tls(), CLEARTEXT_H1);
		assertThat(refusal.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(refusal.upgradeTokens()).containsExactly("TLS/1.3", "TLS/1.2", "HTTP/1.1");
		assertThat(refusal.needsTls()).isTrue();
	}

	@Test
	void tlsIsAllowedOnAnyTlsVersion() {
		assertThat(decide(ProtocolRequirement.tls(), TLS12_H1)).isNull();
		assertThat(decide(ProtocolRequirement.tls(), new Offer(true, "TLSv1", true))).isNull();
	}

	@Test
	void minimumTlsVersionRefusesOlderVersionsAndAdvertisesOnlyAcceptableOnes() {
		Refusal refusal = decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), TLS12_H1);
		assertThat(refusal.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
		assertThat(refusal.upgradeTokens()).containsExactly("TLS/1.3", "HTTP/1.1");
		assertThat(refusal.needsTls()).isFalse();
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), TLS13_H1)).isNull();
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_2), TLS12_H1)).isNull();
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_2), new Offer(true, "TLSv1.1", true))
			.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_2), new Offer(true, "SSLv3", true))
			.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD);
	}

	@Test
	void minimumTlsVersionOnCleartextAsksForTlsFirst() {
		Refusal refusal = decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), CLEARTEXT_H1);
		assertThat(refusal.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(refusal.upgradeTokens()).containsExactly("TLS/1.3", "HTTP/1.1");
		assertThat(refusal.detail()).contains("TLS 1.3 or later");
	}

	@Test
	void secureRequestWithUnknownTlsVersionSatisfiesAMinimumSinceAProxyTerminatedTls() {
		assertThat(decide(ProtocolRequirement.tls(TlsVersion.TLS_1_3), new Offer(true, null, true)))
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
		Refusal plain = decide(ProtocolRequirement.websocket(), CLEARTEXT_H1);
		assertThat(plain.reason()).isEqualTo(UpgradeReason.WEBSOCKET_REQUIRED);
		assertThat(plain.upgradeTokens()).containsExactly("websocket");
		Refusal version = decide(ProtocolRequirement.websocket(),
				CLEARTEXT_H1.with("Upgrade", "websocket").with("Sec-WebSocket-Version", "8"));
		assertThat(version.reason()).isEqualTo(UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED);
		assertThat(version.headers(true, false)).contains(new ResponsePlan.Header("Sec-WebSocket-Version", "13"));
		assertThat(decide(ProtocolRequirement.websocket(), CLEARTEXT_H1.with("Upgrade", "websocket")).reason())
			.isEqualTo(UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED);
		assertThat(decide(ProtocolRequirement.websocket(),
				CLEARTEXT_H1.with("Upgrade", "h2c, WebSocket").with("Sec-WebSocket-Version", " 13 ")))
			.isNull();
		assertThat(decide(ProtocolRequirement.websocket(), CLEARTEXT_H1.with("Upgrade", "websocket/13")
			.with("Sec-WebSocket-Version", "13")).reason()).isEqualTo(UpgradeReason.WEBSOCKET_REQUIRED);
	}

	@Test
	void combinedRequirementsAreCheckedInTheOrderAClientFixesThem() {
		ProtocolRequirement tlsAndHttp2 = ProtocolRequirement.tls().and(ProtocolRequirement.http2());
		Refusal first = decide(tlsAndHttp2, CLEARTEXT_H1);
		assertThat(first.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(first.upgradeTokens()).containsExactly("TLS/1.3", "TLS/1.2", "HTTP/2.0");
		assertThat(decide(tlsAndHttp2, TLS13_H1).reason()).isEqualTo(UpgradeReason.HTTP2_REQUIRED);
		assertThat(decide(tlsAndHttp2, TLS13_H2)).isNull();
	}

	@Test
	void http1HeadersCarryUpgradeAndConnectionAndHttp2HeadersCarryNeither() {
		Refusal refusal = decide(ProtocolRequirement.tls(), CLEARTEXT_H1);
		assertThat(refusal.headers(true, false)).containsExactly(
				new ResponsePlan.Header("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"),
				new ResponsePlan.Header("Connection", "Upgrade"), new ResponsePlan.Header("Cache-Control", "no-store"));
		assertThat(refusal.headers(false, false)).containsExactly(new ResponsePlan.Header("Cache-Control", "no-store"));
	}

	@Test
	void refusalsAreCanonical() {
		assertThat(decide(ProtocolRequirement.tls(), CLEARTEXT_H1))
			.isSameAs(decide(ProtocolRequirement.tls(), CLEARTEXT_H2));
	}

	@Test
	void upgradeTokenListsAreParsedIgnoringCaseAndWhitespace() {
		assertThat(UpgradeDecider.listsToken("websocket", "websocket")).isTrue();
		assertThat(UpgradeDecider.listsToken("h2c, WebSocket", "websocket")).isTrue();
		assertThat(UpgradeDecider.listsToken(" websocket ,x", "websocket")).isTrue();
		assertThat(UpgradeDecider.listsToken("websocket/13", "websocket")).isFalse();
		assertThat(UpgradeDecider.listsToken("websockets", "websocket")).isFalse();
		assertThat(UpgradeDecider.listsToken("TLS/1.2", "websocket")).isFalse();
		assertThat(UpgradeDecider.listsToken(",,", "websocket")).isFalse();
		assertThat(UpgradeDecider.listsToken("", "websocket")).isFalse();
		assertThat(UpgradeDecider.listsToken(null, "websocket")).isFalse();
	}

	@Test
	void corsPreFlightIsNeverRefused() {
		Offer preFlight = CLEARTEXT_H1.withMethod("OPTIONS")
			.with("Origin", "https://example.com")
			.with("Access-Control-Request-Method", "GET");
		assertThat(decide(ProtocolRequirement.tls(), preFlight)).isNull();
		assertThat(decide(ProtocolRequirement.tls(), CLEARTEXT_H1.withMethod("OPTIONS")).reason())
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(decide(ProtocolRequirement.tls(), CLEARTEXT_H1.withMethod("OPTIONS").with("Origin", "https://x"))
			.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		// Found by benchmarks/fuzz.sh: empty values make no pre-flight, so no way around a plain OPTIONS's 426.
		for (String[] values : new String[][] { { "", "POST" }, { "https://x", "" }, { " ", " " } }) {
			Offer empty = CLEARTEXT_H1.withMethod("OPTIONS")
				.with("Origin", values[0])
				.with("Access-Control-Request-Method", values[1]);
			assertThat(decide(ProtocolRequirement.tls(), empty)).isNotNull();
		}
		assertThat(UpgradeDecider.decideFailure(new UpgradeRequiredException(ProtocolRequirement.tls()), preFlight,
				Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED))
			.isNull();
	}

	@Test
	void thrownUpgradeRequiredExceptionIsDecidedAgainstTheActualRequest() {
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.http2());
		Refusal overTls = UpgradeDecider.decideFailure(thrown, TLS13_H1, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED);
		assertThat(overTls).isNotNull();
		assertThat(overTls.upgradeTokens()).containsExactly("HTTP/2.0");
		Refusal overCleartext = UpgradeDecider.decideFailure(thrown, CLEARTEXT_H1, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED);
		assertThat(overCleartext).isNotNull();
		assertThat(overCleartext.upgradeTokens()).containsExactly("h2c");
	}

	@Test
	void thrownUpgradeRequiredExceptionThatTheRequestMeetsIsAServerErrorThatTellsNoUpgrade() {
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.tls(TlsVersion.TLS_1_3));
		Refusal refusal = UpgradeDecider.decideFailure(thrown, TLS13_H2, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED);
		assertThat(refusal).isNotNull();
		assertThat(refusal.status()).isEqualTo(500);
		assertThat(refusal.reason()).isNull();
		assertThat(refusal.upgradeTokens()).isEmpty();
		assertThat(refusal.detail()).doesNotContain("https").doesNotContain("Repeat").contains("already uses it");
		assertThat(refusal.headers(true, false)).containsExactly(new ResponsePlan.Header("Cache-Control", "no-store"));
	}

	@Test
	void mediaTypeRefusalOfAProtectedEndpointIsA426() {
		Supplier<ProtocolRequirement> tlsMapped = ProtocolRequirement::tls;
		assertThat(UpgradeDecider.decideFailure(new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE), CLEARTEXT_H1,
				Offer.FACTS, tlsMapped, NOTHING_MAPPED).reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(UpgradeDecider.decideFailure(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
				CLEARTEXT_H1, Offer.FACTS, tlsMapped, NOTHING_MAPPED).reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(UpgradeDecider.decideFailure(new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE), TLS13_H1,
				Offer.FACTS, tlsMapped, NOTHING_MAPPED)).isNull();
		assertThat(UpgradeDecider.decideFailure(new ResponseStatusException(HttpStatus.NOT_FOUND), CLEARTEXT_H1,
				Offer.FACTS, tlsMapped, NOTHING_MAPPED)).isNull();
		assertThat(UpgradeDecider.decideFailure(new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE), CLEARTEXT_H1,
				Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED)).isNull();
	}

	@Test
	void methodNotAllowedForAProtectedPathIsRefusedByWhatThePathRequiresForAnyMethod() {
		Supplier<ProtocolRequirement> tlsMapped = ProtocolRequirement::tls;
		Throwable notAllowed = new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(UpgradeDecider.decideFailure(notAllowed, CLEARTEXT_H1, Offer.FACTS, NOTHING_MAPPED, tlsMapped)
			.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(UpgradeDecider.decideFailure(notAllowed, TLS13_H1, Offer.FACTS, NOTHING_MAPPED, tlsMapped)).isNull();
		assertThat(UpgradeDecider.decideFailure(notAllowed, CLEARTEXT_H1, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED))
			.isNull();
		// The media types' requirement is not the method's.
		assertThat(UpgradeDecider.decideFailure(notAllowed, CLEARTEXT_H1, Offer.FACTS, tlsMapped, NOTHING_MAPPED))
			.isNull();
	}

	@Test
	void upgradeRequiredExceptionIsFoundAmongCausesButNotBeyondABound() {
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.tls());
		Exception wrapped = new IllegalStateException("handshake failed", thrown);
		Refusal refusal = UpgradeDecider.decideFailure(wrapped, CLEARTEXT_H1, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED);
		assertThat(refusal).isSameAs(decide(ProtocolRequirement.tls(), CLEARTEXT_H1).asThrown());
		assertThat(refusal.thrown()).isTrue();
		assertThat(refusal.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
		Exception deep = thrown;
		for (int i = 0; i < 16; i++) {
			deep = new IllegalStateException(deep);
		}
		assertThat(UpgradeDecider.decideFailure(deep, CLEARTEXT_H1, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED)).isNull();
	}

	@Test
	void otherFailuresAreNotAboutAnUpgradeEvenWithACyclicCauseChain() {
		Exception first = new IllegalStateException("first");
		Exception second = new IllegalArgumentException("second", first);
		first.initCause(second);
		assertThat(UpgradeDecider.decideFailure(first, CLEARTEXT_H1, Offer.FACTS, NOTHING_MAPPED, NOTHING_MAPPED)).isNull();
	}

	private static @Nullable Refusal decide(ProtocolRequirement requirement, Offer offer) {
		return UpgradeDecider.decide(requirement, offer, Offer.FACTS);
	}

	record Offer(boolean secure, @Nullable String tls, boolean http1, String method, Map<String, String> headers) {

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
			public String method(Offer request) {
				return request.method();
			}

			@Override
			public @Nullable String header(Offer request, String name) {
				return request.headers().get(name);
			}

		};

		Offer(boolean secure, @Nullable String tls, boolean http1) {
			this(secure, tls, http1, "GET", Map.of());
		}

		Offer with(String name, String value) {
			Map<String, String> headers = new HashMap<>(this.headers);
			headers.put(name, value);
			return new Offer(this.secure, this.tls, this.http1, this.method, headers);
		}

		Offer withMethod(String method) {
			return new Offer(this.secure, this.tls, this.http1, method, this.headers);
		}

	}

}
