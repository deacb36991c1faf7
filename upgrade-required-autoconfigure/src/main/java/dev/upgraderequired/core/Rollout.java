package dev.upgraderequired.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * When a requirement is enforced: from the start ({@link #ENFORCED}), never ({@link #REPORT_ONLY}: a request it
 * would refuse is served and counted), or from an instant on ({@link #from(Instant)}: before it, such a request is
 * served, counted, and told in its response that the protocol it used goes away then).
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class Rollout {

	/**
	 * Enforced from the start: every request that does not meet the requirement is refused.
	 */
	public static final Rollout ENFORCED = new Rollout(false, null);

	/**
	 * Never enforced: a request that does not meet the requirement is served, counted and logged.
	 */
	public static final Rollout REPORT_ONLY = new Rollout(true, null);

	// RFC 9110's IMF-fixdate.
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final String LINK_FORMAT = "<%s>; rel=\"deprecation\"; type=\"text/html\"";

	private final boolean reportOnly;

	private final @Nullable Instant enforceFrom;

	private final long enforceFromMillis;

	// Sunset (RFC 8594) with the date, Deprecation (RFC 9745) with the same instant.
	private final List<ResponsePlan.Header> announcement;

	private Rollout(boolean reportOnly, @Nullable Instant enforceFrom) {
		this.reportOnly = reportOnly;
		this.enforceFrom = enforceFrom;
		this.enforceFromMillis = (enforceFrom != null) ? enforceFrom.toEpochMilli() : Long.MIN_VALUE;
		this.announcement = (enforceFrom != null) ? List.of(
				new ResponsePlan.Header("Sunset", HTTP_DATE.format(enforceFrom)),
				new ResponsePlan.Header("Deprecation", "@" + enforceFrom.getEpochSecond())) : List.of();
	}

	/**
	 * Return a requirement enforced from an instant on.
	 * @param enforceFrom the first instant at which it is enforced
	 * @return the rollout
	 */
	public static Rollout from(Instant enforceFrom) {
		return new Rollout(false, enforceFrom);
	}

	/**
	 * Return a requirement enforced from an instant on, checked as configured: an instant that an HTTP-date can
	 * announce.
	 * @param enforceFrom the first instant at which it is enforced
	 * @param source where it is configured, for the failure message
	 * @return the rollout
	 * @throws dev.upgraderequired.InvalidRequirementException if the instant is before 1970 or after 9999
	 */
	public static Rollout from(Instant enforceFrom, String source) {
		return from(Instants.check(enforceFrom, source));
	}

	/**
	 * Whether the requirement is never enforced.
	 * @return whether it is report-only
	 */
	public boolean isReportOnly() {
		return this.reportOnly;
	}

	/**
	 * Return the instant from which the requirement is enforced.
	 * @return the instant, {@code null} if it is enforced from the start or never
	 */
	public @Nullable Instant enforceFrom() {
		return this.enforceFrom;
	}

	/**
	 * Whether the requirement is enforced at a time.
	 * @param nowMillis the time, in milliseconds since the epoch
	 * @return whether a request that does not meet it is refused then
	 */
	boolean isEnforcedAt(long nowMillis) {
		return !this.reportOnly && nowMillis >= this.enforceFromMillis;
	}

	/**
	 * Whether the requirement is enforced whenever it is asked, so that no clock has to be read for it.
	 * @return whether it is enforced from the start
	 */
	boolean isAlwaysEnforced() {
		return !this.reportOnly && this.enforceFrom == null;
	}

	/**
	 * Return the headers that announce the date to a client served before it: {@code Sunset} with the date and
	 * {@code Deprecation} with the same instant.
	 * @return the headers, empty if the requirement has no date
	 */
	List<ResponsePlan.Header> announcement() {
		return this.announcement;
	}

	/**
	 * Return the {@code Link} to a page about the change (RFC 9745's {@code deprecation} relation).
	 * @param url the page
	 * @return the header
	 */
	static ResponsePlan.Header link(String url) {
		return new ResponsePlan.Header(HttpHeaders.LINK, LINK_FORMAT.formatted(url));
	}

	/**
	 * Return the earlier of two dated rollouts, or the dated one.
	 * @param a a rollout, {@code null} for none
	 * @param b another
	 * @return the one enforced first of those with a date, {@code null} if neither has one
	 */
	static @Nullable Rollout earliestDated(@Nullable Rollout a, @Nullable Rollout b) {
		if (a == null || a.enforceFrom == null) {
			return (b != null && b.enforceFrom != null) ? b : null;
		}
		return (b == null || b.enforceFrom == null || a.enforceFromMillis <= b.enforceFromMillis) ? a : b;
	}

	@Override
	public String toString() {
		return this.reportOnly ? "report-only" : (this.enforceFrom != null) ? "enforced from " + this.enforceFrom
				: "enforced";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Rollout that && this.reportOnly == that.reportOnly
				&& this.enforceFromMillis == that.enforceFromMillis;
	}

	@Override
	public int hashCode() {
		return Boolean.hashCode(this.reportOnly) * 31 + Long.hashCode(this.enforceFromMillis);
	}

}
