package dev.upgraderequired.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Notices {@link UpgradeAnnouncement announcements} in responses and tells a {@link UpgradeAnnouncementListener},
 * once per origin (scheme, host and port) and set of protocols. The client support inspects every response with
 * {@link #LOGGING} unless it is given another instance: a {@code RestClient} through
 * {@link UpgradeRequiredErrorHandler#register(org.springframework.web.client.RestClient.Builder, UpgradeAnnouncements)},
 * a {@code WebClient} through
 * {@link UpgradeRequiredExchangeFilter#register(org.springframework.web.reactive.function.client.WebClient.Builder, UpgradeAnnouncements)},
 * the JDK {@code HttpClient} through {@link UpgradeRequiredHttpResponses#check(java.net.http.HttpResponse,
 * UpgradeAnnouncements)}. With Spring Boot, an {@link UpgradeAnnouncementListener} bean replaces the default.
 * <p>
 * Bounded: at most {@value #MAX_ORIGINS} origins and sets of protocols are remembered (and told of); a response
 * whose {@code Sunset} is no HTTP-date is not an announcement.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeAnnouncements {

	static final int MAX_ORIGINS = 1024;

	static final String SUNSET = "Sunset";

	private static final Log logger = LogFactory.getLog(UpgradeAnnouncements.class);

	/**
	 * Logs each announcement at WARN, naming the URL, the protocols to move to and the date.
	 */
	public static final UpgradeAnnouncements LOGGING = new UpgradeAnnouncements((announcement) -> logger
		.warn("The server of " + announcement.url() + " announces that it stops serving this protocol on "
				+ announcement.sunset() + ((announcement.protocols().isEmpty()) ? " (Sunset, Deprecation)"
						: "; move to " + String.join(", ", announcement.protocols()))));

	private final UpgradeAnnouncementListener listener;

	private final Set<String> told = ConcurrentHashMap.newKeySet();

	private UpgradeAnnouncements(UpgradeAnnouncementListener listener) {
		this.listener = listener;
	}

	/**
	 * Return an instance that tells a listener.
	 * @param listener the listener
	 * @return the announcements
	 */
	public static UpgradeAnnouncements to(UpgradeAnnouncementListener listener) {
		return new UpgradeAnnouncements(listener);
	}

	/**
	 * Whether a response may be an announcement, to tell before its headers are copied for {@link #inspect}: a
	 * successful one with {@code Sunset}.
	 * @param status the status of the response
	 * @param sunset whether it has a {@code Sunset} header
	 * @return whether to inspect it
	 */
	static boolean mayAnnounce(HttpStatusCode status, boolean sunset) {
		return sunset && status.is2xxSuccessful();
	}

	/**
	 * Inspect a response: tell the listener of an announcement it carries, unless one of the same origin and
	 * protocols was told before.
	 * @param url the URL of the request
	 * @param status the status of the response
	 * @param headers its headers
	 */
	public void inspect(URI url, HttpStatusCode status, HttpHeaders headers) {
		if (!mayAnnounce(status, headers.containsHeader(SUNSET))) {
			return;
		}
		List<String> protocols = UpgradeTokens.parse(headers.get(HttpHeaders.UPGRADE));
		if (protocols.isEmpty() && !headers.containsHeader("Deprecation")) {
			return;
		}
		Instant sunset;
		try {
			long millis = headers.getFirstDate(SUNSET);
			if (millis < 0) {
				return;
			}
			sunset = Instant.ofEpochMilli(millis);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		String key = url.getScheme() + "://" + url.getHost() + ":" + url.getPort() + " " + protocols;
		if (this.told.size() >= MAX_ORIGINS || !this.told.add(key)) {
			return;
		}
		try {
			this.listener.announced(new UpgradeAnnouncement(url, protocols, sunset));
		}
		catch (RuntimeException ex) {
			logger.warn("An UpgradeAnnouncementListener failed; the response is returned all the same", ex);
		}
	}

}
