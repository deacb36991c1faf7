package dev.upgraderequired.servlet;

import java.util.concurrent.TimeUnit;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.RequestDecider;
import dev.upgraderequired.core.UpgradePolicy;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/**
 * What the check every Spring MVC handler passes costs per request. Allowed requests go through
 * {@link UpgradeRequiredInterceptor#preHandle} on a mock request: the handler's cached requirement, combined with the
 * path rules, then the decision. A refused request is decided the same way, then the core plans the response as the
 * writer gets it (headers, {@code httpsUrl}, body); writing it to a mock response would mostly measure the mock.
 * <p>
 * {@link #pathRules} configures either no rule or one rule ({@code /admin/**} requires TLS) that does not match the
 * benchmarked path, so the cost of matching rules shows next to the cost without them. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar -prof gc} to see the bytes allocated per operation
 * ({@code gc.alloc.rate.norm}).
 *
 * @author upgrade-required
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class InterceptorBenchmarks {

	// No request mapping of another HTTP method requires anything.
	private static final String SECURE_PATH = "/api/secure";

	/**
	 * Number of configured path rules: 0, or 1 that does not match the benchmarked path.
	 */
	@Param({ "0", "1" })
	public int pathRules;

	private RequestDecider decider;

	private ServletRequestView view;

	private UpgradeRequiredInterceptor interceptor;

	private HandlerMethod openHandler;

	private HandlerMethod secureHandler;

	private MockHttpServletRequest openCleartextRequest;

	private MockHttpServletRequest secureCleartextRequest;

	private MockHttpServletRequest secureTlsRequest;

	// Left alone by allowed requests.
	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Setup
	public void setUp() throws Exception {
		UpgradePolicy.Builder builder = UpgradePolicy.builder().httpsPort(() -> 8443);
		if (this.pathRules > 0) {
			builder.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version");
		}
		UpgradePolicy policy = builder.build();
		this.decider = policy.decider();
		this.view = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
				new ServletMappedHandlerRequirements(), () -> null);
		this.interceptor = new UpgradeRequiredInterceptor(this.decider, policy.index(), this.view,
				new ServletRefusalWriter(), null, null);
		Api api = new Api();
		this.openHandler = new HandlerMethod(api, Api.class.getDeclaredMethod("hello"));
		this.secureHandler = new HandlerMethod(api, Api.class.getDeclaredMethod("secure"));
		this.openCleartextRequest = Api.get("/api/hello", false);
		this.secureCleartextRequest = Api.get(SECURE_PATH, false);
		this.secureTlsRequest = Api.get(SECURE_PATH, true);
		// The first request to a handler resolves its annotations; requests after it only hit the cache.
		MockHttpServletResponse refused = new MockHttpServletResponse();
		if (!endpointWithoutRequirement() || !requirementSatisfied()
				|| this.interceptor.preHandle(this.secureCleartextRequest, refused, this.secureHandler)
				|| refused.getStatus() != 426) {
			throw new IllegalStateException("The benchmarked requests are not decided as expected");
		}
	}

	@Benchmark
	public boolean endpointWithoutRequirement() throws Exception {
		return this.interceptor.preHandle(this.openCleartextRequest, this.response, this.openHandler);
	}

	@Benchmark
	public boolean requirementSatisfied() throws Exception {
		return this.interceptor.preHandle(this.secureTlsRequest, this.response, this.secureHandler);
	}

	// The interceptor's decision, with the response the writer copies: the headers for the HTTP version, the https
	// URL and the body.
	@Benchmark
	public Decision requirementRefused() {
		return this.decider.decide(this.secureCleartextRequest, this.view, this.secureHandler);
	}

}
