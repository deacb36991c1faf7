package dev.upgraderequired.core;

/**
 * Reads parts of header values in place, without allocating: the optional whitespace around list members and
 * parameters (RFC 9110 section 5.6.3: spaces and horizontal tabs).
 *
 * @author upgrade-required
 */
final class HeaderValues {

	private HeaderValues() {
	}

	/**
	 * Return where a part of a value starts once its leading whitespace is skipped.
	 * @param value the header value
	 * @param from where the part starts
	 * @param to where the part ends (exclusive)
	 * @return the index of the first character that is not whitespace, {@code to} if none
	 */
	static int skipWhitespace(String value, int from, int to) {
		while (from < to && isWhitespace(value.charAt(from))) {
			from++;
		}
		return from;
	}

	/**
	 * Return where a part of a value ends once its trailing whitespace is trimmed.
	 * @param value the header value
	 * @param from where the part starts
	 * @param to where the part ends (exclusive)
	 * @return the end (exclusive) of the part without trailing whitespace, {@code from} if it is all whitespace
	 */
	static int trimWhitespace(String value, int from, int to) {
		while (to > from && isWhitespace(value.charAt(to - 1))) {
			to--;
		}
		return to;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
