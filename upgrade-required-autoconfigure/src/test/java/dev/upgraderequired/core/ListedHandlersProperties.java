package dev.upgraderequired.core;

import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.web.util.pattern.PatternParseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listing matches a rule against an endpoint's pattern only where their literal starts agree; over generated
 * patterns (letters of either case, variables, wildcards, encoded characters, parameters, non-ASCII letters, trailing
 * slashes), that never drops a rule that matching every pair finds.
 */
class ListedHandlersProperties {

	@Property(tries = 5000)
	void literalStartsNeverHideAnOverlap(@ForAll("patterns") String rulePattern, @ForAll("patterns") String pattern) {
		PathRule rule;
		try {
			rule = new PathRule(PathRule.parse(rulePattern), ProtocolRequirement.none(), Rollout.ENFORCED);
		}
		catch (PatternParseException ex) {
			return;
		}
		if (ListedHandlers.overlaps(rule, pattern)) {
			String ruleStart = ListedHandlers.literalStart(rulePattern);
			String start = ListedHandlers.literalStart(pattern);
			int common = Math.min(ruleStart.length(), start.length());
			assertThat(ruleStart.regionMatches(true, 0, start, 0, common))
				.as("%s overlaps %s", rulePattern, pattern)
				.isTrue();
		}
	}

	@Provide
	Arbitrary<String> patterns() {
		Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("a", "A", "b", "ab", "aB", "ß", "SS", "é", "É"),
				Arbitraries.of("{id}", "{x:[a-z]+}", "*", "**", "a*", "?", "a?b", "{*rest}", "%61", "%2F", "a;p=1",
						";q", "", "."));
		return segment.list()
			.ofMinSize(0)
			.ofMaxSize(4)
			.map((segments) -> "/" + String.join("/", segments))
			.flatMap((path) -> Arbitraries.of(path, path + "/"));
	}

}
