package dev.upgraderequired.client;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Parses {@code Upgrade} header values (RFC 9110 section 7.8: a comma-separated list of {@code protocol-name} or
 * {@code protocol-name/protocol-version}, each a token): optional whitespace around members, empty members and
 * malformed ones skipped, never an exception. Bounded, so that a hostile header costs little: at most
 * {@value #MAX_TOKENS} protocols of at most {@value #MAX_TOKEN_LENGTH} characters each are kept.
 *
 * @author upgrade-required
 */
final class UpgradeTokens {

	static final int MAX_TOKENS = 16;

	static final int MAX_TOKEN_LENGTH = 64;

	private UpgradeTokens() {
	}

	/**
	 * Parse the values of every {@code Upgrade} header of a response.
	 * @param values the header values, in order, possibly {@code null}
	 * @return the protocols, in the order the server prefers them
	 */
	static List<String> parse(@Nullable List<String> values) {
		List<String> tokens = new ArrayList<>();
		if (values == null) {
			return tokens;
		}
		for (String value : values) {
			if (value == null) {
				continue;
			}
			int start = 0;
			while (start <= value.length() && tokens.size() < MAX_TOKENS) {
				int end = value.indexOf(',', start);
				if (end < 0) {
					end = value.length();
				}
				String member = trim(value, start, end);
				if (isProtocol(member)) {
					tokens.add(member);
				}
				start = end + 1;
			}
		}
		return tokens;
	}

	private static String trim(String value, int start, int end) {
		int from = start;
		int to = end;
		while (from < to && isWhitespace(value.charAt(from))) {
			from++;
		}
		while (to > from && isWhitespace(value.charAt(to - 1))) {
			to--;
		}
		return value.substring(from, to);
	}

	// protocol-name ["/" protocol-version], both tokens.
	private static boolean isProtocol(String member) {
		if (member.isEmpty() || member.length() > MAX_TOKEN_LENGTH) {
			return false;
		}
		int slash = member.indexOf('/');
		if (slash == 0 || slash == member.length() - 1 || member.indexOf('/', slash + 1) >= 0) {
			return false;
		}
		for (int i = 0; i < member.length(); i++) {
			char c = member.charAt(i);
			if (i != slash && !isTokenChar(c)) {
				return false;
			}
		}
		return true;
	}

	// tchar of RFC 9110 section 5.6.2.
	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
