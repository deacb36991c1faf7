package dev.upgraderequired.servlet;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.upgraderequired.benchmarks.index.GeneratedInventory;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.server.ServletContainerRequestFacts;
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

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * What the Spring MVC filter's decision costs as an application grows: {@code endpoints} pattern endpoints and
 * {@code rules} path rules of {@link GeneratedInventory}, indexed at startup. Each operation is the early filter's
 * one call of the decider for one request, with Spring MVC's view of it: the walk over the path; for a path under a
 * protected pattern, the parse of the path and the decision from the index (for the refusal, with its response).
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
 * @author upgrade-required
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ServletIndexBenchmarks {

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

	private ServletRequestView view;

	private MockHttpServletRequest openCleartext;

	private MockHttpServletRequest getBesideProtected;

	private MockHttpServletRequest protectedPost;

	@Setup
	public void setUp() {
		this.decider = GeneratedInventory.indexed(this.endpoints, this.rules).decider();
		// A mock request's servlet has the empty name; the index reads its path as the servlet's mappings do.
		UpgradeRequiredFilter.Target target = new UpgradeRequiredFilter.Target("", null, List.of(), true);
		this.view = new ServletRequestView(ServletContainerRequestFacts.tomcat(), new ServletMappedHandlerRequirements(),
				() -> target);
		String path = GeneratedInventory.lastProtectedPath(this.endpoints);
		this.openCleartext = new MockHttpServletRequest("GET", "/api/hello");
		this.getBesideProtected = new MockHttpServletRequest("GET", path);
		this.protectedPost = new MockHttpServletRequest("POST", path);
		if (openPath() != Decision.PROCEED_ANY_HANDLER || allowedBesideProtected() != Decision.PROCEED
				|| !(refused() instanceof Decision.Refuse)) {
			throw new IllegalStateException("The benchmarked requests are not decided as expected");
		}
	}

	@Benchmark
	public Decision openPath() {
		return decide(this.openCleartext);
	}

	@Benchmark
	public Decision allowedBesideProtected() {
		return decide(this.getBesideProtected);
	}

	@Benchmark
	public Decision refused() {
		return decide(this.protectedPost);
	}

	// As the early filter decides, before any lookup.
	private Decision decide(MockHttpServletRequest request) {
		return this.decider.decide(request, this.view);
	}

}
