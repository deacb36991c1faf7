package dev.upgraderequired.servlet;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.HandlerInventory;
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
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the early filters' decision costs as an application grows: {@code endpoints} pattern endpoints
 * ({@code /c7/e2/{id}}, each with an open {@code GET} and, for three in four, a {@code POST} that requires TLS) and
 * {@code rules} path rules ({@code /r7/**}, requiring TLS), indexed at startup, and a resource handler for
 * {@code /**} in a later mapping. Each operation is the early filter's one call of the decider for one request, with
 * Spring MVC's view of it: the walk over the path; for a path under a protected pattern, the parse of the path and
 * the decision from the index (for the refusal, with its response).
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
public class IndexBenchmarks {

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
		UpgradePolicy.Builder builder = UpgradePolicy.builder()
			.httpsPort(() -> 8443)
			.resolver((handler) -> (handler instanceof SecureHandler) ? ProtocolRequirement.tls() : null);
		for (int i = 0; i < this.rules; i++) {
			builder.rule("/r" + i + "/**", "rules[" + i + "].paths", Protocol.TLS, TlsVersion.ANY,
					"rules[" + i + "].min-tls-version");
		}
		UpgradePolicy policy = builder.build();
		this.decider = policy.decider();
		HandlerInventory handlers = new HandlerInventory();
		handlers.mapping(true);
		PathPatternParser parser = PathPatternParser.defaultInstance;
		SecureHandler secure = new SecureHandler();
		OpenHandler open = new OpenHandler();
		for (int i = 0; i < this.endpoints; i++) {
			String pattern = "/c" + (i / 40) + "/e" + (i % 40) + "/{id}";
			handlers.addParsed(List.of(parser.parse(pattern)), List.of("GET"), open, "GET " + pattern);
			if (i % 4 != 0) {
				handlers.addParsed(List.of(parser.parse(pattern)), List.of("POST"), secure, "POST " + pattern);
			}
		}
		handlers.mapping(false);
		handlers.addParsed(List.of(parser.parse("/**")), List.of(), open, "resources");
		policy.index().index(handlers);
		// A mock request's servlet has the empty name; the index reads its path as the servlet's mappings do.
		UpgradeRequiredFilter.Target target = new UpgradeRequiredFilter.Target("", null, List.of(), true);
		this.view = new ServletRequestView(ServletContainerRequestFacts.tomcat(), new ServletMappedHandlerRequirements(),
				() -> target);
		// The last endpoint with a protected POST: as far into the index as any.
		int last = ((this.endpoints - 1) % 4 == 0) ? this.endpoints - 2 : this.endpoints - 1;
		String path = "/c" + (last / 40) + "/e" + (last % 40) + "/42";
		this.openCleartext = request("GET", "/api/hello");
		this.getBesideProtected = request("GET", path);
		this.protectedPost = request("POST", path);
		if (openPath() != Decision.PROCEED || allowedBesideProtected() != Decision.PROCEED
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

	// Stand for handler methods: requirements are resolved once per handler class.
	private static final class SecureHandler {

	}

	private static final class OpenHandler {

	}

	private static MockHttpServletRequest request(String method, String path) {
		return new MockHttpServletRequest(method, path);
	}

}
