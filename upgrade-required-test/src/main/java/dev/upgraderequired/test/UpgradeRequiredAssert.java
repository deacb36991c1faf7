package dev.upgraderequired.test;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import dev.upgraderequired.client.UpgradeRequired;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Assertions for a response that should be a {@code 426 Upgrade Required} of upgrade-required: the status, the
 * headers for the HTTP version it was sent over, and the members of its problem. Obtained from
 * {@link UpgradeRequiredAssertions}.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredAssert extends AbstractAssert<UpgradeRequiredAssert, UpgradeRequiredAssert.Response> {

	UpgradeRequiredAssert(Response actual) {
		super(actual, UpgradeRequiredAssert.class);
	}

	/**
	 * Verify that the response is a 426 with a problem body that no cache may store.
	 * @return this
	 */
	public UpgradeRequiredAssert isUpgradeRequired() {
		isNotNull();
		if (this.actual.status() != UpgradeRequired.STATUS) {
			failWithMessage("Expected status 426 Upgrade Required but was %s", this.actual.status());
		}
		String contentType = this.actual.headers().getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType == null || !contentType.startsWith("application/problem+json")) {
			failWithMessage("Expected Content-Type application/problem+json but was %s", contentType);
		}
		if (!"no-store".equals(this.actual.headers().getFirst(HttpHeaders.CACHE_CONTROL))) {
			failWithMessage("Expected Cache-Control no-store but was %s",
					this.actual.headers().getFirst(HttpHeaders.CACHE_CONTROL));
		}
		if (!"Upgrade Required".equals(upgradeRequired().title())) {
			failWithMessage("Expected the problem's title 'Upgrade Required' but was %s", upgradeRequired().title());
		}
		return this;
	}

	/**
	 * Verify that the response is a 426 that offers exactly these protocols, in this order: in the problem's
	 * {@code upgrade} member always, and in the {@code Upgrade} header with {@code Connection: Upgrade} over HTTP/1.x
	 * only (HTTP/2 responses carry neither header).
	 * @param protocols the protocols, such as {@code TLS/1.3}, {@code TLS/1.2}, {@code HTTP/1.1}
	 * @return this
	 */
	public UpgradeRequiredAssert offersUpgradeTo(String... protocols) {
		isUpgradeRequired();
		List<String> expected = Arrays.asList(protocols);
		if (!upgradeRequired().upgrade().equals(expected)) {
			failWithMessage("Expected the problem's upgrade member %s but was %s", expected,
					upgradeRequired().upgrade());
		}
		List<String> header = upgradeRequired().upgradeHeader();
		String connection = this.actual.headers().getFirst(HttpHeaders.CONNECTION);
		if (this.actual.http2()) {
			if (!header.isEmpty() || connection != null) {
				failWithMessage("Expected no Upgrade and no Connection header over HTTP/2 but were %s and %s", header,
						connection);
			}
		}
		else if (!header.equals(expected) || !"Upgrade".equals(connection)) {
			failWithMessage("Expected Upgrade %s with Connection: Upgrade over HTTP/1.x but were %s and %s", expected,
					header, connection);
		}
		return this;
	}

	/**
	 * Verify that the problem's {@code detail} contains a text.
	 * @param text the text
	 * @return this
	 */
	public UpgradeRequiredAssert hasDetailContaining(String text) {
		String detail = upgradeRequired().detail();
		if (detail == null || !detail.contains(text)) {
			failWithMessage("Expected the problem's detail to contain '%s' but was %s", text, detail);
		}
		return this;
	}

	/**
	 * Verify the problem's {@code type}, such as {@code https://example.com/problems/tls-required} where
	 * {@code upgrade-required.problem.type-base} is set.
	 * @param type the type
	 * @return this
	 */
	public UpgradeRequiredAssert hasType(String type) {
		if (!type.equals(upgradeRequired().type())) {
			failWithMessage("Expected the problem's type %s but was %s", type, upgradeRequired().type());
		}
		return this;
	}

	/**
	 * Verify the problem's {@code httpsUrl}.
	 * @param httpsUrl the URL
	 * @return this
	 */
	public UpgradeRequiredAssert hasHttpsUrl(String httpsUrl) {
		URI actual = upgradeRequired().httpsUrl();
		if (actual == null || !actual.toString().equals(httpsUrl)) {
			failWithMessage("Expected the problem's httpsUrl %s but was %s", httpsUrl, actual);
		}
		return this;
	}

	/**
	 * Verify that the problem has no {@code httpsUrl}.
	 * @return this
	 */
	public UpgradeRequiredAssert hasNoHttpsUrl() {
		if (upgradeRequired().httpsUrl() != null) {
			failWithMessage("Expected no httpsUrl but was %s", upgradeRequired().httpsUrl());
		}
		return this;
	}

	/**
	 * Verify the {@code Sec-WebSocket-Version} the response names.
	 * @param version the version, such as {@code 13}
	 * @return this
	 */
	public UpgradeRequiredAssert hasWebSocketVersion(String version) {
		if (!version.equals(upgradeRequired().webSocketVersion())) {
			failWithMessage("Expected Sec-WebSocket-Version %s but was %s", version,
					upgradeRequired().webSocketVersion());
		}
		return this;
	}

	private UpgradeRequired upgradeRequired() {
		return UpgradeRequired.of(this.actual.headers(), this.actual.body());
	}

	/**
	 * A response, as the assertions read it.
	 * @param status the status
	 * @param headers the headers
	 * @param body the body
	 * @param http2 whether it was sent over HTTP/2
	 */
	record Response(int status, HttpHeaders headers, byte @Nullable [] body, boolean http2) {
	}

}
