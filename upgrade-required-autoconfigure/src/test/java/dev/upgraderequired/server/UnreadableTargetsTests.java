package dev.upgraderequired.server;

import java.net.URI;
import java.net.URISyntaxException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UnreadableTargets}.
 */
class UnreadableTargetsTests {

	@ParameterizedTest
	@ValueSource(strings = { "/api;x=%zz/secure", "/api/secure;%u0078=1", "/api/secure;x=%", "/%", "/%4", "/a%g1" })
	void pathWithAnEscapeThatDoesNotDecodeIsNeitherDecodableNorAUriAndSpringFailsToParseIt(String path) {
		assertThat(UnreadableTargets.isDecodable(path)).isFalse();
		assertThat(UnreadableTargets.isUri(path, null)).isFalse();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		assertThatIllegalArgumentException().isThrownBy(() -> ServletRequestPathUtils.parseAndCache(request));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/secure", "/api/%73ecure", "/api;x=1/secure", "/a%2Fb", "/%C3%A9", "/a:b@c$d,e",
			"/~user/it's(1)!*", "/é" })
	void pathThatJavaNetUriAcceptsIsDecodableAndAUri(String path) throws URISyntaxException {
		new URI("http://localhost" + path);
		assertThat(UnreadableTargets.isDecodable(path)).isTrue();
		assertThat(UnreadableTargets.isUri(path, null)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a b", "/a|b", "/a{b}", "/a^b", "/a`b", "/a\"b", "/a<b>", "/a\\b", "/a[b]", "/a\u0001",
			"/a\u00a0" })
	void pathWithACharacterThatJavaNetUriRejectsIsNoUri(String path) {
		assertThatIllegalArgumentException().isThrownBy(() -> URI.create("http://localhost" + path));
		assertThat(UnreadableTargets.isUri(path, null)).isFalse();
	}

	@Test
	void queryMayHoldBracketsButNoInvalidEscape() {
		assertThat(UnreadableTargets.isUri("/p", "a[0]=1&b=%41")).isTrue();
		assertThat(UnreadableTargets.isUri("/p", "a=%zz")).isFalse();
		assertThat(UnreadableTargets.isUri("/p", "a=b c")).isFalse();
	}

	@Test
	void filterAnswersAnUnreadableTargetWithABadRequestProblemAndPassesAnyOther() throws Exception {
		MockHttpServletResponse rejected = new MockHttpServletResponse();
		MockFilterChain unused = new MockFilterChain();
		UnreadableTargets.filter().doFilter(new MockHttpServletRequest("GET", "/api;x=%zz/secure"), rejected, unused);
		assertThat(rejected.getStatus()).isEqualTo(400);
		assertThat(rejected.getContentType()).isEqualTo("application/problem+json");
		assertThat(rejected.getContentAsString()).startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
				+ "\"status\":400,");
		assertThat(unused.getRequest()).isNull();
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletRequest readable = new MockHttpServletRequest("GET", "/api/%73ecure");
		UnreadableTargets.filter().doFilter(readable, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(readable);
	}

}
