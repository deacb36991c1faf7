package dev.upgraderequired.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PathPrefixes}.
 */
class PathPrefixesTests {

	private final PathPrefixes prefixes = PathPrefixes.of(List.of("/api/secure", "/admin/**", "/ws"));

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
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/%73ecure", "/api;a=b/secure", "//api/secure", "/./api/secure",
			"/x/../api/secure", "/api\\secure", "/caf\u00e9", "/a b", "" })
	void pathThatIsNotPlainMayMatchWhateverItStartsWith(String path) {
		assertThat(this.prefixes.mayMatch(path, 0)).as(path).isTrue();
	}

	@Test
	void pathIsReadFromTheGivenIndex() {
		assertThat(this.prefixes.mayMatch("/app/api/secure", 4)).isTrue();
		assertThat(this.prefixes.mayMatch("/app/api/hello", 4)).isFalse();
		assertThat(this.prefixes.mayMatch("/api/secure/x", 11)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/{tenant}/secure", "/**", "/*.json", "/caf\u00e9/x" })
	void patternThatStartsWithAWildcardOrIsNotAsciiMayMatchEveryPath(String pattern) {
		PathPrefixes any = PathPrefixes.of(List.of("/api/secure", pattern));
		assertThat(any.mayMatch("/anything/at/all", 0)).isTrue();
	}

	@Test
	void noPatternMatchesNothingWhateverThePath() {
		assertThat(PathPrefixes.none().mayMatch("/api/%73ecure", 0)).isFalse();
		assertThat(PathPrefixes.of(List.of()).mayMatch("/api/secure", 0)).isFalse();
	}

}
