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
	static final String FORM = "an ISO-8601 instant, such as 2027-03-01T00:00:00Z or 2027-03-01T00:00:00+01:00";

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
		try {
			return OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequirementException(source, value, FORM);
		}
	}

}
