package dev.upgraderequired.core;

import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrowserNavigation}.
 */
class BrowserNavigationTests {

	private static final String CHROME_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,"
			+ "image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	private static final String FIREFOX_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final Offer CLEARTEXT = new Offer(false, null, true);

	@Test
	void fetchModeDecidesWhenPresent() {
		assertThat(of(CLEARTEXT.with("Sec-Fetch-Mode", "navigate"))).isEqualTo(BrowserNavigation.BY_FETCH_MODE);
		assertThat(of(CLEARTEXT.with("Sec-Fetch-Mode", " Navigate "))).isEqualTo(BrowserNavigation.BY_FETCH_MODE);
		// A fetch() from a page sends its mode, and never Upgrade-Insecure-Requests; even with it, the mode decides.
		Offer fetch = CLEARTEXT.with("Sec-Fetch-Mode", "cors")
			.with("Upgrade-Insecure-Requests", "1")
			.with("Accept", "text/html");
		assertThat(of(fetch)).isEqualTo(BrowserNavigation.NOT_BY_FETCH_MODE);
		assertThat(BrowserNavigation.NOT_BY_FETCH_MODE.vary()).isEqualTo("Sec-Fetch-Mode");
	}

	@Test
	void withoutFetchModeANavigationAsksForSecureRequestsAndPrefersHtml() {
		Offer navigation = CLEARTEXT.with("Upgrade-Insecure-Requests", "1").with("Accept", CHROME_ACCEPT);
		assertThat(of(navigation)).isEqualTo(BrowserNavigation.BY_ACCEPT);
		assertThat(BrowserNavigation.BY_ACCEPT.isNavigation()).isTrue();
		assertThat(BrowserNavigation.BY_ACCEPT.vary()).isEqualTo("Sec-Fetch-Mode, Upgrade-Insecure-Requests, Accept");
		assertThat(of(CLEARTEXT.with("Upgrade-Insecure-Requests", "1").with("Accept", "application/json")))
			.isEqualTo(BrowserNavigation.NOT_BY_ACCEPT);
		assertThat(of(CLEARTEXT.with("Upgrade-Insecure-Requests", "1"))).isEqualTo(BrowserNavigation.NOT_BY_ACCEPT);
		assertThat(of(CLEARTEXT.with("Accept", CHROME_ACCEPT))).isEqualTo(BrowserNavigation.NOT_BY_INSECURE_REQUESTS);
		assertThat(of(CLEARTEXT.with("Upgrade-Insecure-Requests", "0").with("Accept", CHROME_ACCEPT)))
			.isEqualTo(BrowserNavigation.NOT_BY_INSECURE_REQUESTS);
		assertThat(BrowserNavigation.NOT_BY_INSECURE_REQUESTS.isNavigation()).isFalse();
		assertThat(BrowserNavigation.NOT_BY_INSECURE_REQUESTS.vary())
			.isEqualTo("Sec-Fetch-Mode, Upgrade-Insecure-Requests");
	}

	@ParameterizedTest
	@ValueSource(strings = { CHROME_ACCEPT, FIREFOX_ACCEPT, "text/html", "TEXT/HTML", " text/html ; level=1 ",
			"application/xhtml+xml, text/html", "text/html;q=0.5, */*;q=0.5", "text/html;Q=1.000",
			"application/json;q=0.9, text/html", "text/html,, ,application/json;q=0.5", "text/html;level=1;q=0.7" })
	void acceptThatPrefersHtml(String accept) {
		assertThat(BrowserNavigation.prefersHtml(accept)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "text/*", "application/json", "application/json, text/html;q=0.9",
			"text/html;q=0", "text/html;q=0.000", "text/html;q=0.5, */*", "text/html;q=1.5", "text/html;q=2",
			"text/html;q=0.1234", "text/html;q=", "text/html;q=.5", "text/html;q=1.001", "text/htmlx", "texthtml",
			",,,;;;", "text/html;q=abc",
			// Malformed members: the value is not read as preferring anything.
			";q=1, text/html;q=0.5", "text/html;q=0.8, application/json;q=bad", "text/html, ;x=1", "\u0000text/html" })
	void acceptThatDoesNotPreferHtml(String accept) {
		assertThat(BrowserNavigation.prefersHtml(accept)).isFalse();
	}

	@Test
	void missingOrOverlongAcceptIsNotANavigation() {
		assertThat(BrowserNavigation.prefersHtml(null)).isFalse();
		String longAccept = "text/html," + "a/b;q=0.1,".repeat(BrowserNavigation.MAX_ACCEPT_LENGTH / 10);
		assertThat(longAccept.length()).isGreaterThan(BrowserNavigation.MAX_ACCEPT_LENGTH);
		assertThat(BrowserNavigation.prefersHtml(longAccept)).isFalse();
		String longest = longAccept.substring(0, longAccept.lastIndexOf(',', BrowserNavigation.MAX_ACCEPT_LENGTH));
		assertThat(BrowserNavigation.prefersHtml(longest)).isTrue();
	}

	private static BrowserNavigation of(Offer request) {
		return BrowserNavigation.of(request, Offer.FACTS);
	}

}
