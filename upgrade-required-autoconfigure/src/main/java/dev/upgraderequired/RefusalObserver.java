package dev.upgraderequired;

/**
 * Told of every request refused with {@code 426 Upgrade Required} (or, in browser-redirect mode, redirected to https
 * with a {@code 308} instead), and of every request served that a requirement not enforced yet would have refused,
 * such as the {@code upgrade.required.refusals} counter. Declare a bean of this type to
 * observe refusals of your own; it is called on the thread that writes the refusal, before it is written, so it must
 * be quick. One that throws is logged, and the refusal is sent all the same.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@FunctionalInterface
public interface RefusalObserver {

	/**
	 * Observe a refusal.
	 * @param reason the part of the requirement that the request did not meet
	 * @param source where the requirement comes from
	 * @param pattern the path pattern of the handler or rule that refused the request, never the request's own
	 * path; {@code UNKNOWN} if none is known
	 */
	void refused(UpgradeReason reason, RequirementSource source, String pattern);

	/**
	 * Observe a request that a requirement which is not enforced would have refused, and that is served: a
	 * report-only requirement, or one enforced from a date not reached yet ({@code upgrade-required.report-only},
	 * {@code upgrade-required.enforce-from} and their per-rule and per-annotation forms). Does nothing by default.
	 * @param reason the part of the requirement that the request did not meet
	 * @param source where the requirement comes from
	 * @param pattern the path pattern of the handler or rule whose requirement it did not meet; {@code UNKNOWN} if
	 * none is known
	 * @since 0.2.0
	 */
	default void notEnforced(UpgradeReason reason, RequirementSource source, String pattern) {
	}

}
