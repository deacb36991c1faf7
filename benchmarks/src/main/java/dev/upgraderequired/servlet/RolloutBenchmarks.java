package dev.upgraderequired.servlet;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.Rollout;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * What a requirement that is not enforced yet costs a request, decided by the core as the early filter asks it (by
 * the path first, then, since no handler is listed here, by the path rules), with a policy that has an enforced
 * rule, a staged one (enforced from 2099) and a report-only one:
 * <ul>
 * <li>{@link #allowed}: a TLS request to the enforced rule's path, which meets it: decided by its path alone, the
 * clock not read.</li>
 * <li>{@link #allowedWithItsHandler}: the same request decided with its handler (here none: by the rules), as
 * the early filter decides a request it has looked up: what an allowed request costs that is not let through by its
 * path alone, the reference for the next two.</li>
 * <li>{@link #staged}: a cleartext request to the staged rule's path: served, counted, with its announcement
 * (Upgrade, Connection, Sunset, Deprecation), the clock read once.</li>
 * <li>{@link #reportOnly}: a cleartext request to the report-only rule's path: served and counted.</li>
 * <li>{@link #refused}: a cleartext request to the enforced rule's path: the 426, for comparison.</li>
 * </ul>
 * Run with {@code -prof gc} to see the bytes allocated per operation ({@code gc.alloc.rate.norm}).
 *
 * @author upgrade-required
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RolloutBenchmarks {

	private RequestDecider decider;

	private ServletRequestView view;

	private MockHttpServletRequest allowed;

	private MockHttpServletRequest staged;

	private MockHttpServletRequest reportOnly;

	private MockHttpServletRequest refused;

	@Setup
	public void setUp() {
		UpgradePolicy policy = UpgradePolicy.builder()
			.rule("/enforced/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.rule("/staged/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version",
					Rollout.from(Instant.parse("2099-01-01T00:00:00Z")))
			.rule("/report/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version", Rollout.REPORT_ONLY)
			.build();
		this.decider = policy.decider();
		this.view = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
				new ServletMappedHandlerRequirements(), () -> UpgradeRequiredFilter.Target.NONE);
		this.allowed = Api.get("/enforced/items", true);
		this.staged = Api.get("/staged/items", false);
		this.reportOnly = Api.get("/report/items", false);
		this.refused = Api.get("/enforced/items", false);
		if (allowed() != Decision.PROCEED_ANY_HANDLER
				|| !(staged() instanceof Decision.Proceed announced && announced.announcement().size() == 4)
				|| !(reportOnly() instanceof Decision.Proceed reported && reported.refusalNotEnforced())
				|| !(refused() instanceof Decision.Refuse)) {
			throw new IllegalStateException("The benchmarked requests are not decided as expected");
		}
	}

	@Benchmark
	public Decision allowed() {
		return decide(this.allowed);
	}

	@Benchmark
	public Decision allowedWithItsHandler() {
		return this.decider.decide(this.allowed, this.view, null);
	}

	@Benchmark
	public Decision staged() {
		return decide(this.staged);
	}

	@Benchmark
	public Decision reportOnly() {
		return decide(this.reportOnly);
	}

	@Benchmark
	public Decision refused() {
		return decide(this.refused);
	}

	private Decision decide(MockHttpServletRequest request) {
		Decision decision = this.decider.decide(request, this.view);
		return (decision == Decision.LOOK_UP) ? this.decider.decide(request, this.view, null) : decision;
	}

}
