package dev.upgraderequired.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.UpgradeReason;

/**
 * The requests served since startup although a requirement not enforced yet would have refused them, by the pattern
 * of the handler or rule and by reason, with the time of the last: for the {@code upgraderequired} actuator
 * endpoint. Bounded by the patterns of handlers and rules.
 *
 * @author upgrade-required
 */
final class NotEnforcedCounts {

	private static final UpgradeReason[] REASONS = UpgradeReason.values();

	private final ConcurrentMap<String, Counts> byPattern = new ConcurrentHashMap<>();

	void served(UpgradeReason reason, RequirementSource source, String pattern, long nowMillis) {
		Counts counts = this.byPattern.get(pattern);
		if (counts == null) {
			counts = this.byPattern.computeIfAbsent(pattern, (key) -> new Counts(source));
		}
		counts.byReason.incrementAndGet(reason.ordinal());
		counts.lastMillis = nowMillis;
	}

	List<RequirementReport.NotEnforced> report() {
		List<RequirementReport.NotEnforced> report = new ArrayList<>();
		this.byPattern.forEach((pattern, counts) -> {
			Map<String, Long> byReason = new LinkedHashMap<>();
			long total = 0;
			for (UpgradeReason reason : REASONS) {
				long count = counts.byReason.get(reason.ordinal());
				if (count > 0) {
					byReason.put(reason.slug(), count);
					total += count;
				}
			}
			report.add(new RequirementReport.NotEnforced(pattern, counts.source.tag(), total, byReason,
					Instant.ofEpochMilli(counts.lastMillis)));
		});
		report.sort((a, b) -> a.pattern().compareTo(b.pattern()));
		return report;
	}

	private static final class Counts {

		private final RequirementSource source;

		private final AtomicLongArray byReason = new AtomicLongArray(REASONS.length);

		private volatile long lastMillis;

		Counts(RequirementSource source) {
			this.source = source;
		}

	}

}
