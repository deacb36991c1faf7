package dev.upgraderequired.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProblemBody}: the members of a problem, and bodies that are not one.
 */
class ProblemBodyTests {

	@Test
	void membersOfAProblemAreRead() {
		ProblemBody problem = parse("{\"type\":\"about:blank\",\"title\":\"Upgrade Required\",\"status\":426,"
				+ "\"detail\":\"Repeat \\\"it\\\" with https\\u0021\\n\",\"instance\":\"/api/secure\","
				+ "\"upgrade\":[\"TLS/1.3\",\"TLS/1.2\",\"HTTP/1.1\"],"
				+ "\"httpsUrl\":\"https://localhost:8443/api/secure\"}");
		assertThat(problem.string("type")).isEqualTo("about:blank");
		assertThat(problem.string("title")).isEqualTo("Upgrade Required");
		assertThat(problem.integer("status")).isEqualTo(426);
		assertThat(problem.string("detail")).isEqualTo("Repeat \"it\" with https!\n");
		assertThat(problem.strings("upgrade")).containsExactly("TLS/1.3", "TLS/1.2", "HTTP/1.1");
		assertThat(problem.string("httpsUrl")).isEqualTo("https://localhost:8443/api/secure");
	}

	@Test
	void otherMembersAndNestedValuesAreSkipped() {
		ProblemBody problem = parse(" { \"extra\" : {\"a\":[1,2,{\"b\":null}]}, \"ok\":true, \"n\": -1.5e3, "
				+ "\"upgrade\" : [ \"h2c\", 3, null, [\"x\"] ], \"title\":\"t\", \"title\":\"second\" } ");
		assertThat(problem.strings("upgrade")).containsExactly("h2c");
		assertThat(problem.string("title")).isEqualTo("t");
		assertThat(problem.string("extra")).isNull();
	}

	@Test
	void membersOfTheWrongTypeAreAbsent() {
		ProblemBody problem = parse("{\"upgrade\":\"TLS/1.3\",\"title\":42,\"status\":\"426\"}");
		assertThat(problem.strings("upgrade")).isEmpty();
		assertThat(problem.string("title")).isNull();
		assertThat(problem.integer("status")).isNull();
	}

	@Test
	void whatIsNotAJsonObjectGivesNoMemberOrThoseBeforeTheFault() {
		for (String body : new String[] { "", "null", "[]", "<html>426</html>", "{", "{\"title\":", "{\"title\":\"x",
				"{\"title\":\"\\uZZZZ\"}", "\u0000\u0001", "{\"a\":tru}" }) {
			assertThat(parse(body).string("title")).as(body).isNull();
		}
		assertThat(parse("{\"title\":\"kept\",\"detail\":").string("title")).isEqualTo("kept");
		assertThat(ProblemBody.parse(null).string("title")).isNull();
	}

	@Test
	void hugeAndDeepBodiesAreBounded() {
		String huge = "{\"title\":\"" + "x".repeat(ProblemBody.MAX_BODY) + "\"}";
		assertThat(parse(huge).string("title")).isNull();
		// Nested far deeper than any problem, within the size bound: no stack overflow, the rest is not read.
		String bounded = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"title\":\"t\"}";
		assertThat(parse(bounded).string("title")).isNull();
	}

	private static ProblemBody parse(String body) {
		return ProblemBody.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
