package dev.upgraderequired.core;

import dev.upgraderequired.ProtocolRequirement;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A requirement for every request whose path within the application matches a pattern.
 * <p>
 * Patterns use Spring's {@link PathPattern} syntax and are matched segment by segment after percent-decoding,
 * without {@code ;} parameters, and ignoring case: a request cannot dodge a rule with an encoded character, path
 * parameters or different letter case. See {@link EndpointRequirements#forPath(String, String)}.
 *
 * @param pattern the path pattern
 * @param requirement what matching requests must offer
 * @param rollout when the requirement is enforced
 * @author upgrade-required
 */
record PathRule(PathPattern pattern, ProtocolRequirement requirement, Rollout rollout) {

	private static final PathPatternParser PARSER;

	static {
		PARSER = new PathPatternParser();
		PARSER.setCaseSensitive(false);
	}

	/**
	 * Parse a pattern the way rules are matched (case-insensitively).
	 * @param pattern the pattern, starting with {@code /}
	 * @return the parsed pattern
	 * @throws org.springframework.web.util.pattern.PatternParseException if the pattern is invalid
	 * @throws IllegalArgumentException if the pattern does not start with {@code /}
	 */
	static PathPattern parse(String pattern) {
		if (!pattern.startsWith("/")) {
			throw new IllegalArgumentException("Pattern must start with '/'");
		}
		return PARSER.parse(pattern);
	}

	/**
	 * Whether the rule applies to a path.
	 * @param pathWithinApplication the parsed path within the application
	 * @return whether the pattern matches
	 */
	boolean matches(PathContainer pathWithinApplication) {
		return this.pattern.matches(pathWithinApplication);
	}

}
