package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * Reads the decisions that {@link RequestDecider} logs at TRACE level, for tests that count how often a request is
 * decided.
 */
public final class DecisionLog {

	/**
	 * The logger to set to TRACE.
	 */
	public static final String LOGGER = "dev.upgraderequired.core.RequestDecider";

	private DecisionLog() {
	}

	/**
	 * Return how each decision of requests with a method and path was made, in order.
	 * @param output the captured output
	 * @param method the request method
	 * @param path the request path
	 * @return each decision, such as {@code by the index: proceed}
	 */
	public static List<String> of(CapturedOutput output, String method, String path) {
		Matcher decided = Pattern.compile("Decided " + Pattern.quote(method + " " + path) + " (by [^:]+: [^\\r\\n]+)")
			.matcher(output.getOut());
		List<String> decisions = new ArrayList<>();
		while (decided.find()) {
			decisions.add(decided.group(1).strip());
		}
		return decisions;
	}

	/**
	 * Set the logger back to its configured level.
	 */
	public static void reset() {
		LoggingSystem.get(DecisionLog.class.getClassLoader()).setLogLevel(LOGGER, (LogLevel) null);
	}

}
