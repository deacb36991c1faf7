package dev.upgraderequired.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.PathRule;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.RequiresProtocolResolver;
import dev.upgraderequired.core.UpgradeDecider;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.servlet.ServletUpgradeResponseWriter;
import dev.upgraderequired.servlet.UpgradeRequiredInterceptor;
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
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/**
 * What the Spring MVC adapter does per request. Allowed requests go through
 * {@link UpgradeRequiredInterceptor#preHandle} on a mock request: the handler's cached requirement, combined with the
 * path rules, then the decision. A refused request is decided the same way, then the parts of the 426 response are
 * built as {@link ServletUpgradeResponseWriter#write} builds them (headers, {@code httpsUrl}, body).
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
public class DecisionBenchmarks {

	private static final String SECURE_PATH = "/api/secure";

	/**
	 * Number of configured path rules: 0, or 1 that does not match the benchmarked path.
	 */
	@Param({ "0", "1" })
	public int pathRules;

	private EndpointRequirements requirements;

	private UpgradeResponder responder;

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
		List<PathRule> rules = (this.pathRules == 0) ? List.of()
				: List.of(new PathRule(PathRule.parse("/admin/**"), ProtocolRequirement.tls()));
		this.requirements = new EndpointRequirements(rules, List.of(new RequiresProtocolResolver()));
		this.responder = new UpgradeResponder(null, () -> 8443);
		this.interceptor = new UpgradeRequiredInterceptor(this.requirements,
				new ServletUpgradeResponseWriter(this.responder, ServletContainerRequestFacts.tomcat()),
				ServletContainerRequestFacts.tomcat());
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

	// The interceptor's decision, then what ServletUpgradeResponseWriter computes before it writes: the headers for
	// the HTTP version, the https URL and the body. Writing them to a mock response would mostly measure the mock.
	@Benchmark
	public void requirementRefused(Blackhole blackhole) {
		MockHttpServletRequest request = this.secureCleartextRequest;
		String path = request.getRequestURI();
		Rejection rejection = UpgradeDecider.decide(this.requirements.withPathRules(
				this.requirements.forHandler(this.secureHandler), path, request.getContextPath()), request,
				ServletContainerRequestFacts.tomcat());
		blackhole.consume(rejection.headers(ServletContainerRequestFacts.tomcat().isHttp1(request)));
		String httpsUrl = this.responder.httpsUrl(rejection, request.getServerName(), path, request.getQueryString());
		blackhole.consume(this.responder.body(rejection, path, httpsUrl));
	}

}
