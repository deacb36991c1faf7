package dev.upgraderequired.reactive;

import java.util.concurrent.TimeUnit;

import dev.upgraderequired.benchmarks.index.GeneratedInventory;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import org.jspecify.annotations.Nullable;
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

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * What the WebFlux filter's decision costs as an application grows: {@code endpoints} pattern endpoints and
 * {@code rules} path rules of {@link GeneratedInventory}, indexed at startup. Each operation is the early web
 * filter's one call of the decider for one exchange, with WebFlux's view of it: the walk
 * over the path; for a path under a protected pattern, the decision from the index on the path WebFlux parsed (for
 * the refusal, with its response).
 * <ul>
 * <li>{@code openPath}: a path no pattern's literal beginning matches, over cleartext (most requests of most
 * applications);</li>
 * <li>{@code allowedBesideProtected}: a cleartext {@code GET} of a pattern whose {@code POST} requires TLS, allowed
 * from the index without a lookup;</li>
 * <li>{@code refused}: the cleartext {@code POST}, refused from the index without a lookup.</li>
 * </ul>
 * The time should not grow with {@code endpoints} or {@code rules}; {@code -prof gc} shows the bytes per operation
 * ({@code openPath} allocates nothing; nor does WebFlux's view parse the path again).
 *
 * @author upgrade-required
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReactiveIndexBenchmarks {

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

	private ReactiveRequestView view;

	private MockServerWebExchange openCleartext;

	private MockServerWebExchange getBesideProtected;

	private MockServerWebExchange protectedPost;

	@Setup
	public void setUp() {
		this.decider = GeneratedInventory.indexed(this.endpoints, this.rules).decider();
		this.view = new ReactiveRequestView(new CleartextHttp1Facts(), new ReactiveMappedHandlerRequirements());
		String path = GeneratedInventory.lastProtectedPath(this.endpoints);
		this.openCleartext = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/api/hello"));
		this.getBesideProtected = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost" + path));
		this.protectedPost = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost" + path));
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
	private Decision decide(MockServerWebExchange exchange) {
		return this.decider.decide(exchange, this.view);
	}

	// What a server reports of a cleartext HTTP/1.1 request, which the requests here are (whether they are secure is
	// read from the URI's scheme, as on Reactor Netty).
	private static final class CleartextHttp1Facts implements ReactiveRequestFacts {

		@Override
		public @Nullable String tlsProtocol(ServerHttpRequest request) {
			return null;
		}

		@Override
		public boolean isHttp1(ServerHttpRequest request) {
			return true;
		}

	}

}
