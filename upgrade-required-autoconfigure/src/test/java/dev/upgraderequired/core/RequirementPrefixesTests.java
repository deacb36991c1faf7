package dev.upgraderequired.core;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequirementPrefixes}.
 */
class RequirementPrefixesTests {

	private static final Offer CLEARTEXT = new Offer(false, null, true);

	private static final Offer TLS_12 = new Offer(true, "TLSv1.2", true);

	private static final Offer TLS_13 = new Offer(true, "TLSv1.3", true);

	private final RequirementPrefixes prefixes = RequirementPrefixes.of(Map.of("/api/secure",
			ProtocolRequirement.tls(), "/admin/**", ProtocolRequirement.tls(TlsVersion.TLS_1_3), "/ws",
			ProtocolRequirement.websocket()));

	@ParameterizedTest
	@ValueSource(strings = { "/api/secure", "/API/Secure", "/api/secure/", "/api/secure/x", "/admin", "/admin/x",
			"/ws", "/wsx" })
	void pathThatStartsLikeAPatternMayMatch(String path) {
		assertThat(this.prefixes.mayMatch(path, 0)).as(path).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/hello", "/api/secur", "/adm", "/", "/w" })
	void plainPathThatStartsLikeNoPatternMatchesNone(String path) {
		assertThat(this.prefixes.mayMatch(path, 0)).as(path).isFalse();
		assertThat(this.prefixes.mayRefuse(path, 0, CLEARTEXT, Offer.FACTS)).as(path).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/%73ecure", "/api;a=b/secure", "//api/secure", "/./api/secure",
			"/x/../api/secure", "/api\\secure", "/caf\u00e9", "/a b", "" })
	void pathThatIsNotPlainMayMatchWhateverItStartsWith(String path) {
		assertThat(this.prefixes.mayMatch(path, 0)).as(path).isTrue();
		assertThat(this.prefixes.mayRefuse(path, 0, TLS_13, Offer.FACTS)).as(path).isTrue();
	}

	@Test
	void pathIsReadFromTheGivenIndex() {
		assertThat(this.prefixes.mayMatch("/app/api/secure", 4)).isTrue();
		assertThat(this.prefixes.mayMatch("/app/api/hello", 4)).isFalse();
		assertThat(this.prefixes.mayMatch("/api/secure/x", 11)).isFalse();
	}

	@Test
	void requestMayBeRefusedOnlyByTheRequirementOfAPatternItsPathMayMatch() {
		assertThat(this.prefixes.mayRefuse("/api/secure", 0, CLEARTEXT, Offer.FACTS)).isTrue();
		assertThat(this.prefixes.mayRefuse("/api/secure", 0, TLS_12, Offer.FACTS)).isFalse();
		assertThat(this.prefixes.mayRefuse("/admin/x", 0, TLS_12, Offer.FACTS)).isTrue();
		assertThat(this.prefixes.mayRefuse("/admin/x", 0, TLS_13, Offer.FACTS)).isFalse();
		assertThat(this.prefixes.mayRefuse("/ws", 0, TLS_13, Offer.FACTS)).isTrue();
		assertThat(this.prefixes.mayRefuse("/ws", 0, new Offer(false, null, true).with("Upgrade", "websocket").with("Sec-WebSocket-Version", "13"), Offer.FACTS))
			.isFalse();
	}

	@Test
	void pathThatIsNotPlainMayBeRefusedByEveryRequirement() {
		Offer tls13Handshake = new Offer(true, "TLSv1.3", true).with("Upgrade", "websocket")
			.with("Sec-WebSocket-Version", "13");
		assertThat(this.prefixes.mayRefuse("/api/%73ecure", 0, tls13Handshake, Offer.FACTS)).isFalse();
		assertThat(this.prefixes.mayRefuse("/api/%73ecure", 0, TLS_13, Offer.FACTS)).isTrue();
	}

	@Test
	void patternsWithTheSamePrefixCombineTheirRequirements() {
		Map<String, ProtocolRequirement> byPattern = new LinkedHashMap<>();
		byPattern.put("/api/{id}", ProtocolRequirement.tls());
		byPattern.put("/api/*/export", ProtocolRequirement.http2());
		RequirementPrefixes combined = RequirementPrefixes.of(byPattern);
		assertThat(combined.mayRefuse("/api/1", 0, TLS_13, Offer.FACTS)).isTrue();
		assertThat(combined.mayRefuse("/api/1", 0, new Offer(true, "TLSv1.3", false), Offer.FACTS))
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/{tenant}/secure", "/**", "/*.json", "/caf\u00e9/x" })
	void patternThatStartsWithAWildcardOrIsNotAsciiMayMatchEveryPath(String pattern) {
		RequirementPrefixes any = RequirementPrefixes
			.of(Map.of("/api/secure", ProtocolRequirement.tls(), pattern, ProtocolRequirement.tls()));
		assertThat(any.mayMatch("/anything/at/all", 0)).isTrue();
		assertThat(any.mayRefuse("/anything/at/all", 0, CLEARTEXT, Offer.FACTS)).isTrue();
	}

	@Test
	void noPatternMatchesNothingWhateverThePath() {
		assertThat(RequirementPrefixes.none().mayMatch("/api/%73ecure", 0)).isFalse();
		assertThat(RequirementPrefixes.none().mayRefuse("/api/%73ecure", 0, CLEARTEXT, Offer.FACTS)).isFalse();
		assertThat(RequirementPrefixes.of(Map.of()).mayMatch("/api/secure", 0)).isFalse();
	}

}
