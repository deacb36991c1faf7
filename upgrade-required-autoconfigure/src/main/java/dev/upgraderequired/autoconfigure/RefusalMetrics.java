package dev.upgraderequired.autoconfigure;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.UpgradeReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts refusals in {@value #NAME}, tagged with the {@code reason}, the {@code requirement} source, the
 * {@code uri} pattern and whether the requirement was {@code enforced} (false for a request served although a
 * requirement not enforced yet would refuse it). Each counter is registered once, at its first refusal, and kept;
 * later refusals only look it up, without allocating (a counter removed from the registry afterwards is not
 * registered again).
 *
 * @author upgrade-required
 */
final class RefusalMetrics implements RefusalObserver {

	static final String NAME = "upgrade.required.refusals";

	private static final int REASONS = UpgradeReason.values().length;

	private static final int SOURCES = RequirementSource.values().length;

	private final MeterRegistry registry;

	// By pattern, then by reason and source. Patterns are those of handlers and rules, so the map is bounded.
	private final ConcurrentMap<String, AtomicReferenceArray<Counter>> counters = new ConcurrentHashMap<>();

	RefusalMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void refused(UpgradeReason reason, RequirementSource source, String pattern) {
		count(reason, source, pattern, true);
	}

	@Override
	public void notEnforced(UpgradeReason reason, RequirementSource source, String pattern) {
		count(reason, source, pattern, false);
	}

	private void count(UpgradeReason reason, RequirementSource source, String pattern, boolean enforced) {
		AtomicReferenceArray<Counter> byReasonAndSource = this.counters.computeIfAbsent(pattern,
				(key) -> new AtomicReferenceArray<>(REASONS * SOURCES * 2));
		int index = (reason.ordinal() * SOURCES + source.ordinal()) * 2 + (enforced ? 1 : 0);
		Counter counter = byReasonAndSource.get(index);
		if (counter == null) {
			// A race registers the same counter twice, which the registry answers with the same instance.
			counter = Counter.builder(NAME)
				.description("Requests refused with 426 Upgrade Required, or (enforced=false) served although a "
						+ "requirement not enforced yet would refuse them")
				.tag("reason", reason.slug())
				.tag("requirement", source.tag())
				.tag("uri", pattern)
				.tag("enforced", String.valueOf(enforced))
				.register(this.registry);
			byReasonAndSource.set(index, counter);
		}
		counter.increment();
	}

}
