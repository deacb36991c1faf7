package dev.upgraderequired.core;

/**
 * What the index of listed handlers tells about a request without the web stack's handler lookup, when it can tell
 * (see {@link UpgradePolicy#decideFromIndex}).
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public sealed interface IndexedDecision {

	/**
	 * The request meets the requirement of every handler its path is for, and of the path rules.
	 */
	IndexedDecision ALLOWED = new Allowed();

	/**
	 * The request meets the requirement of every handler its path is for, and of the path rules: it goes on, with
	 * no lookup of the early filter.
	 */
	final class Allowed implements IndexedDecision {

		private Allowed() {
		}

	}

	/**
	 * The request is refused, whichever of the handlers its path is for the lookup would give.
	 * @param refusal the refusal
	 * @param handler a handler the request is for, for observers
	 * @param pattern the path pattern the request matched, for the {@code uri} of metrics
	 */
	record Refused(Refusal refusal, Object handler, String pattern) implements IndexedDecision {
	}

}
