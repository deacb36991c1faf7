package dev.upgraderequired.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import dev.upgraderequired.InvalidRequirementException;

/**
 * Reads the instant from which a requirement is enforced, as written in an annotation.
 *
 * @author upgrade-required
 */
final class Instants {

	/**
	 * What an instant is written as, for a failure message.
	 */
	static final String FORM = "an ISO-8601 instant from 1970 to 9999, such as 2027-03-01T00:00:00Z or "
			+ "2027-03-01T00:00:00+01:00";

	// What an HTTP-date (Sunset) can carry.
	private static final Instant FIRST = Instant.EPOCH;

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

	private Instants() {
	}

	/**
	 * Parse an instant: UTC ({@code Z}) or with an offset.
	 * @param value the text
	 * @param source where it is written, for the failure message
	 * @return the instant
	 * @throws InvalidRequirementException if the text is no such instant
	 */
	static Instant parse(String value, String source) {
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequirementException(source, value, FORM);
		}
		return check(instant, source);
	}

	/**
	 * Check that an instant can be announced as an HTTP-date.
	 * @param instant the instant
	 * @param source where it is written, for the failure message
	 * @return the instant
	 * @throws InvalidRequirementException if it is before 1970 or after 9999
	 */
	static Instant check(Instant instant, String source) {
		if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
			throw new InvalidRequirementException(source, instant.toString(), FORM);
		}
		return instant;
	}

}
