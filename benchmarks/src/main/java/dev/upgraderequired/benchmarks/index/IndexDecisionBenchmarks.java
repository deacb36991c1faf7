package dev.upgraderequired.benchmarks.index;

import java.util.concurrent.TimeUnit;

import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.RequestView;
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
 * What an early filter's decision costs as an application grows: {@code endpoints} pattern endpoints and
 * {@code rules} path rules of {@link GeneratedInventory}, indexed at startup. Each operation is the filter's one
 * call of the decider for one request, with its stack's view of it (each stack's subclass): the walk over the path;
 * for a path under a protected pattern, the decision from the index (for the refusal, with its response).
 * <ul>
 * <li>{@code openPath}: a path no pattern's literal beginning matches, over cleartext (most requests of most
 * applications);</li>
 * <li>{@code allowedBesideProtected}: a cleartext {@code GET} of a pattern whose {@code POST} requires TLS, allowed
 * from the index without a lookup;</li>
 * <li>{@code refused}: the cleartext {@code POST}, refused from the index without a lookup.</li>
 * </ul>
 * The time should not grow with {@code endpoints} or {@code rules}; {@code -prof gc} shows the bytes per operation
 * ({@code openPath} allocates nothing).
 *
 * @param <R> the stack's native request type
 * @author upgrade-required
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public abstract class IndexDecisionBenchmarks<R> {

	/**
	 * Number of pattern endpoints.
	 */
	@Param({ "10", "1000", "10000" })
	public int endpoints;

	/**
	 * Number of path rules.
	 */
	@Param({ "0", "100", "1000" })
	public int rules;

	private RequestDecider decider;

	private RequestView<R> view;

	private R openCleartext;

	private R getBesideProtected;

	private R protectedPost;

	@Setup
	public void setUp() {
		this.decider = GeneratedInventory.indexed(this.endpoints, this.rules).decider();
		this.view = view();
		String path = GeneratedInventory.lastProtectedPath(this.endpoints);
		this.openCleartext = cleartextRequest("GET", "/api/hello");
		this.getBesideProtected = cleartextRequest("GET", path);
		this.protectedPost = cleartextRequest("POST", path);
		if (openPath() != Decision.PROCEED_ANY_HANDLER || allowedBesideProtected() != Decision.PROCEED
				|| !(refused() instanceof Decision.Refuse)) {
			throw new IllegalStateException("The benchmarked requests are not decided as expected");
		}
	}

	/**
	 * Return the stack's view of its requests.
	 * @return the view
	 */
	protected abstract RequestView<R> view();

	/**
	 * Return a cleartext HTTP/1.1 request of the stack.
	 * @param method the method
	 * @param path the path
	 * @return the request
	 */
	protected abstract R cleartextRequest(String method, String path);

	@Benchmark
	public Decision openPath() {
		return this.decider.decide(this.openCleartext, this.view);
	}

	@Benchmark
	public Decision allowedBesideProtected() {
		return this.decider.decide(this.getBesideProtected, this.view);
	}

	@Benchmark
	public Decision refused() {
		return this.decider.decide(this.protectedPost, this.view);
	}

}
