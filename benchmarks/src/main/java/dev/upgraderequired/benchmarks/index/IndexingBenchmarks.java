package dev.upgraderequired.benchmarks.index;

import java.util.concurrent.TimeUnit;

import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What indexing the handlers adds to the startup: {@link dev.upgraderequired.core.RequirementIndex#index} of
 * {@link GeneratedInventory}'s handlers (each handler's requirement resolved, the prefix tree, the pattern index and
 * the listing for the report), with a fresh policy per operation, as at a startup.
 *
 * @author upgrade-required
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IndexingBenchmarks {

	/**
	 * Number of pattern endpoints.
	 */
	@Param({ "10", "1000", "10000" })
	public int endpoints;

	private HandlerInventory inventory;

	@Setup
	public void setUp() {
		this.inventory = GeneratedInventory.inventory(this.endpoints);
	}

	@Benchmark
	public UpgradePolicy index() {
		UpgradePolicy policy = GeneratedInventory.policy(100);
		policy.index().index(this.inventory);
		return policy;
	}

}
