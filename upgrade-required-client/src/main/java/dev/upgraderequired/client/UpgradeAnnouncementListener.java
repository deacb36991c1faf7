package dev.upgraderequired.client;

/**
 * Hears of {@link UpgradeAnnouncement announcements} that the client support notices, once per origin and set of
 * protocols. Declare a bean of this type to replace the default, which logs one WARN line per announcement; it is
 * called on the thread that received the response, so it must be quick. One that throws is logged, and the response
 * is returned all the same.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@FunctionalInterface
public interface UpgradeAnnouncementListener {

	/**
	 * Hear of an announcement.
	 * @param announcement the announcement
	 */
	void announced(UpgradeAnnouncement announcement);

}
