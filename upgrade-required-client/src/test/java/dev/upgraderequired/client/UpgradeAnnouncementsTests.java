package dev.upgraderequired.client;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link UpgradeAnnouncements}.
 */
class UpgradeAnnouncementsTests {

	private static final URI ORDERS = URI.create("http://api.example:8080/orders");

	private static final Instant SUNSET = Instant.parse("2099-01-01T00:00:00Z");

	private final List<UpgradeAnnouncement> told = new ArrayList<>();

	private final UpgradeAnnouncements announcements = UpgradeAnnouncements.to(this.told::add);

	@Test
	void successfulResponseWithSunsetAndUpgradeIsToldOncePerOriginAndProtocols() {
		this.announcements.inspect(ORDERS, HttpStatus.OK, headers("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"));
		this.announcements.inspect(URI.create("http://api.example:8080/other"), HttpStatus.OK,
				headers("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"));
		this.announcements.inspect(URI.create("http://api.example:8081/orders"), HttpStatus.OK,
				headers("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"));
		this.announcements.inspect(ORDERS, HttpStatus.OK, headers("Upgrade", "h2c"));
		assertThat(this.told).containsExactly(
				new UpgradeAnnouncement(ORDERS, List.of("TLS/1.3", "TLS/1.2", "HTTP/1.1"), SUNSET),
				new UpgradeAnnouncement(URI.create("http://api.example:8081/orders"),
						List.of("TLS/1.3", "TLS/1.2", "HTTP/1.1"), SUNSET),
				new UpgradeAnnouncement(ORDERS, List.of("h2c"), SUNSET));
	}

	@Test
	void overHttp2DeprecationStandsInForTheUpgradeHeader() {
		this.announcements.inspect(ORDERS, HttpStatus.NO_CONTENT, headers("Deprecation", "@4070908800"));
		assertThat(this.told).containsExactly(new UpgradeAnnouncement(ORDERS, List.of(), SUNSET));
	}

	@Test
	void responsesThatAnnounceNothingAreNotTold() {
		this.announcements.inspect(ORDERS, HttpStatus.OK, new HttpHeaders());
		// Sunset alone is about the resource, not the protocol.
		this.announcements.inspect(ORDERS, HttpStatus.OK, headers("Cache-Control", "no-store"));
		this.announcements.inspect(ORDERS, HttpStatus.MOVED_PERMANENTLY, headers("Upgrade", "TLS/1.2"));
		this.announcements.inspect(ORDERS, HttpStatus.UPGRADE_REQUIRED, headers("Upgrade", "TLS/1.2"));
		HttpHeaders badDate = headers("Upgrade", "TLS/1.2");
		badDate.set("Sunset", "next year");
		this.announcements.inspect(ORDERS, HttpStatus.OK, badDate);
		assertThat(this.told).isEmpty();
	}

	@Test
	void aFailingListenerDoesNotFailTheResponse() {
		UpgradeAnnouncements failing = UpgradeAnnouncements.to((announcement) -> {
			throw new IllegalStateException("listener");
		});
		assertThatNoException()
			.isThrownBy(() -> failing.inspect(ORDERS, HttpStatus.OK, headers("Upgrade", "TLS/1.2")));
	}

	@Test
	void rememberedOriginsAreBounded() {
		for (int port = 1; port <= UpgradeAnnouncements.MAX_ORIGINS + 10; port++) {
			this.announcements.inspect(URI.create("http://api.example:" + port + "/"), HttpStatus.OK,
					headers("Upgrade", "TLS/1.2"));
		}
		assertThat(this.told).hasSize(UpgradeAnnouncements.MAX_ORIGINS);
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Sunset", "Thu, 01 Jan 2099 00:00:00 GMT");
		headers.set(name, value);
		return headers;
	}

}
