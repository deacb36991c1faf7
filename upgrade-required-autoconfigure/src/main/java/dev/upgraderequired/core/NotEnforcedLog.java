package dev.upgraderequired.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.upgraderequired.RequestFacts;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.UpgradeReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Logs the requests served although a requirement that is not enforced yet would have refused them: at INFO, at most
 * one line a minute, with the number of such requests since the last line; at DEBUG, every one, with the client's
 * address and {@code User-Agent} (never a credential or a cookie).
 *
 * @author upgrade-required
 */
final class NotEnforcedLog {

	private static final Log logger = LogFactory.getLog(RequestDecider.class);

	private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);

	private static final int MAX_USER_AGENT = 200;

	private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - INTERVAL);

	private final AtomicLong unlogged = new AtomicLong();

	<R> void served(UpgradeReason reason, RequirementSource source, String pattern, @Nullable Rollout dated,
			R request, RequestFacts<R> facts) {
		if (logger.isDebugEnabled()) {
			logger.debug("Served a request that the " + what(reason, source, pattern, dated) + " would refuse: "
					+ facts.method(request) + " from " + facts.remoteAddress(request) + ", User-Agent "
					+ printable(facts.header(request, HttpHeaders.USER_AGENT)));
		}
		long count = this.unlogged.incrementAndGet();
		long last = this.lastLine.get();
		long now = System.nanoTime();
		if (now - last >= INTERVAL && logger.isInfoEnabled() && this.lastLine.compareAndSet(last, now)) {
			this.unlogged.addAndGet(-count);
			logger.info("upgrade-required: served " + count + ((count == 1) ? " request" : " requests")
					+ " that a requirement not enforced yet would refuse, the last by the "
					+ what(reason, source, pattern, dated)
					+ "; see upgrade.required.refusals with enforced=false (at most one such line a minute)");
		}
	}

	private static String what(UpgradeReason reason, RequirementSource source, String pattern,
			@Nullable Rollout dated) {
		return source.tag() + " requirement on " + pattern + " (" + reason.slug() + ", "
				+ ((dated != null) ? dated : Rollout.REPORT_ONLY) + ")";
	}

	// A header as the client sent it, without controls, shortened.
	private static String printable(@Nullable String value) {
		if (value == null) {
			return "(none)";
		}
		StringBuilder printable = new StringBuilder(Math.min(value.length(), MAX_USER_AGENT) + 2).append('"');
		for (int i = 0; i < value.length() && i < MAX_USER_AGENT; i++) {
			char c = value.charAt(i);
			printable.append((c < 0x20 || c == 0x7f) ? '?' : c);
		}
		return printable.append((value.length() > MAX_USER_AGENT) ? "...\"" : "\"").toString();
	}

}
