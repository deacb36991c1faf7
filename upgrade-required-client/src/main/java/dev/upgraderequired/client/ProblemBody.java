package dev.upgraderequired.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the members of an RFC 9457 problem that a client acts on from a JSON body, without a JSON library: the
 * string members, {@code status} and the array of strings {@code upgrade}. Lenient and bounded: a body that is not a
 * JSON object, is larger than {@value #MAX_BODY} bytes or is malformed gives the members read before the fault, or
 * none; it never throws.
 *
 * @author upgrade-required
 */
final class ProblemBody {

	static final int MAX_BODY = 64 * 1024;

	private static final int MAX_DEPTH = 16;

	// An integer that fits an int, and any other JSON number.
	private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,8})");

	private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	private final Map<String, Object> members;

	private ProblemBody(Map<String, Object> members) {
		this.members = members;
	}

	static ProblemBody parse(byte @Nullable [] body) {
		Map<String, Object> members = new HashMap<>();
		if (body != null && body.length > 0 && body.length <= MAX_BODY) {
			try {
				new Reader(new String(body, StandardCharsets.UTF_8), members).object();
			}
			catch (MalformedException | RuntimeException ex) {
				// Keep what was read before the fault.
			}
		}
		return new ProblemBody(members);
	}

	@Nullable String string(String name) {
		return (this.members.get(name) instanceof String value) ? value : null;
	}

	@Nullable Integer integer(String name) {
		return (this.members.get(name) instanceof Integer value) ? value : null;
	}

	List<String> strings(String name) {
		Object value = this.members.get(name);
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		List<String> strings = new ArrayList<>();
		for (Object element : list) {
			if (element instanceof String string) {
				strings.add(string);
			}
		}
		return List.copyOf(strings);
	}

	private static final class MalformedException extends Exception {

		MalformedException() {
			super(null, null, false, false);
		}

	}

	// Reads the top-level object's members: strings, integers and arrays of strings are kept, anything else skipped.
	private static final class Reader {

		private final String json;

		private final Map<String, Object> members;

		private int position;

		Reader(String json, Map<String, Object> members) {
			this.json = json;
			this.members = members;
		}

		void object() throws MalformedException {
			expect('{');
			if (peek() == '}') {
				return;
			}
			do {
				String name = string();
				expect(':');
				Object value = value(1);
				if (value != null) {
					this.members.putIfAbsent(name, value);
				}
			}
			while (next(',', '}') == ',');
		}

		// The value, if it is one that is kept.
		private @Nullable Object value(int depth) throws MalformedException {
			if (depth > MAX_DEPTH) {
				throw new MalformedException();
			}
			char c = peek();
			if (c == '"') {
				return string();
			}
			if (c == '[') {
				return array(depth);
			}
			if (c == '{') {
				skipObject(depth);
				return null;
			}
			return scalar();
		}

		private @Nullable List<Object> array(int depth) throws MalformedException {
			expect('[');
			List<Object> elements = new ArrayList<>();
			if (peek() == ']') {
				this.position++;
				return elements;
			}
			do {
				Object element = value(depth + 1);
				if (element != null) {
					elements.add(element);
				}
			}
			while (next(',', ']') == ',');
			return elements;
		}

		private void skipObject(int depth) throws MalformedException {
			expect('{');
			if (peek() == '}') {
				this.position++;
				return;
			}
			do {
				string();
				expect(':');
				value(depth + 1);
			}
			while (next(',', '}') == ',');
		}

		// A number (an integer is kept), true, false or null.
		private @Nullable Object scalar() throws MalformedException {
			int start = this.position;
			while (this.position < this.json.length()
					&& "{}[]:,\" \t\r\n".indexOf(this.json.charAt(this.position)) < 0) {
				this.position++;
			}
			String literal = this.json.substring(start, this.position);
			if (literal.equals("true") || literal.equals("false") || literal.equals("null")) {
				return null;
			}
			if (INTEGER.matcher(literal).matches()) {
				return Integer.valueOf(literal);
			}
			if (NUMBER.matcher(literal).matches()) {
				return null;
			}
			throw new MalformedException();
		}

		private String string() throws MalformedException {
			expect('"');
			StringBuilder value = new StringBuilder();
			while (true) {
				char c = charAt(this.position++);
				if (c == '"') {
					return value.toString();
				}
				if (c < 0x20) {
					throw new MalformedException();
				}
				if (c != '\\') {
					value.append(c);
					continue;
				}
				char escaped = charAt(this.position++);
				switch (escaped) {
					case '"', '\\', '/' -> value.append(escaped);
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case 'n' -> value.append('\n');
					case 'r' -> value.append('\r');
					case 't' -> value.append('\t');
					case 'u' -> value.append(unicode());
					default -> throw new MalformedException();
				}
			}
		}

		private char unicode() throws MalformedException {
			int code = 0;
			for (int i = 0; i < 4; i++) {
				int digit = Character.digit(charAt(this.position++), 16);
				if (digit < 0) {
					throw new MalformedException();
				}
				code = code * 16 + digit;
			}
			return (char) code;
		}

		private char next(char one, char other) throws MalformedException {
			char c = peek();
			if (c != one && c != other) {
				throw new MalformedException();
			}
			this.position++;
			return c;
		}

		private void expect(char expected) throws MalformedException {
			if (peek() != expected) {
				throw new MalformedException();
			}
			this.position++;
		}

		// The next character that is not whitespace, not consumed.
		private char peek() throws MalformedException {
			while (this.position < this.json.length() && " \t\r\n".indexOf(this.json.charAt(this.position)) >= 0) {
				this.position++;
			}
			return charAt(this.position);
		}

		private char charAt(int index) throws MalformedException {
			if (index >= this.json.length()) {
				throw new MalformedException();
			}
			return this.json.charAt(index);
		}

	}

}
