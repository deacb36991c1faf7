package dev.upgraderequired.core;

import java.util.List;

import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.UpgradeReason;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link RequestDecider} decided for one request. Closed: an adapter translates each kind; observers,
 * metrics and logs were told of a {@link Refuse} or {@link Redirect} when it was decided.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public sealed interface Decision {

	/**
	 * The request goes on, with no {@code Strict-Transport-Security} header to add.
	 */
	Proceed PROCEED = new Proceed(null, false, List.of(), false);

	/**
	 * The request goes on whichever handler serves it: its path may be for no handler or rule whose requirement it
	 * does not meet, whatever else (headers, parameters) would choose among them.
	 */
	Proceed PROCEED_ANY_HANDLER = new Proceed(null, true, List.of(), false);

	/**
	 * The index cannot tell: look the request's handler up and decide with it.
	 */
	LookUp LOOK_UP = new LookUp();

	/**
	 * CORS processing rejected the request: its {@code 403} stands.
	 */
	CorsRejected CORS_REJECTED = new CorsRejected();

	/**
	 * The request goes on.
	 * @param strictTransportSecurity the {@code Strict-Transport-Security} header to add to its response (unless
	 * the application sets its own), {@code null} for none
	 * @param anyHandler whether the decision holds whichever handler serves the request (see
	 * {@link #PROCEED_ANY_HANDLER}); else it holds for the handler it was decided with, or the handlers the index
	 * found
	 * @param announcement the headers to add to its response that announce when a requirement it does not meet
	 * will be enforced ({@code Upgrade} and {@code Connection} on HTTP/1.x, {@code Sunset}, {@code Deprecation},
	 * {@code Link}); empty for none
	 * @param refusalNotEnforced whether a requirement that is not enforced (report-only, or before its date) would
	 * have refused it; the observers were told, unless the decision was asked not to report it
	 */
	record Proceed(@Nullable String strictTransportSecurity, boolean anyHandler,
			List<ResponsePlan.Header> announcement, boolean refusalNotEnforced) implements Decision {
	}

	/**
	 * A response the adapter writes instead of letting the request go on.
	 */
	sealed interface Respond extends Decision {

		/**
		 * Return the response to write.
		 * @return the response
		 */
		ResponsePlan response();

	}

	/**
	 * The request is refused: a {@code 426}, or the {@code 500} of an exception whose requirement the request meets.
	 * @param response the response
	 * @param reason what the request did not meet, {@code null} for the {@code 500}
	 * @param source where the requirement that refused it comes from
	 * @param pattern the path pattern of the handler or rule that refused it
	 */
	record Refuse(ResponsePlan response, @Nullable UpgradeReason reason, RequirementSource source,
			String pattern) implements Respond {
	}

	/**
	 * A browser's navigation that lacks nothing but TLS is redirected to its {@code https} URL ({@code 308}).
	 * @param response the response
	 * @param reason what the request did not meet
	 * @param source where the requirement that refused it comes from
	 * @param pattern the path pattern of the handler or rule that refused it
	 */
	record Redirect(ResponsePlan response, UpgradeReason reason, RequirementSource source,
			String pattern) implements Respond {
	}

	/**
	 * See {@link #LOOK_UP}.
	 */
	final class LookUp implements Decision {

		private LookUp() {
		}

		@Override
		public String toString() {
			return "look up";
		}

	}

	/**
	 * See {@link #CORS_REJECTED}.
	 */
	final class CorsRejected implements Decision {

		private CorsRejected() {
		}

		@Override
		public String toString() {
			return "rejected by CORS";
		}

	}

}
