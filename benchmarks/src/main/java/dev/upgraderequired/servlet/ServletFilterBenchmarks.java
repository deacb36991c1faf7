package dev.upgraderequired.servlet;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * What {@link UpgradeRequiredFilter} adds to a request that it lets through to the {@code DispatcherServlet}, with
 * the handler mappings of a real, initialized {@code DispatcherServlet} ({@code @EnableWebMvc} and the controller
 * {@link Api}):
 * <ul>
 * <li>{@link #unprotectedPathPassesThrough}: a request whose path starts like no protected endpoint's: the filter
 * does not look it up.</li>
 * <li>{@link #allowedRequestPassesThrough}: a TLS request for the TLS-only endpoint: it meets the requirement of
 * every endpoint its path may be for, so the filter does not look it up either.</li>
 * <li>{@link #servletLookup}: the reference for the next one, what the servlet does to find the handler of a
 * request (parse the path, ask the mappings in order).</li>
 * <li>{@link #allowedRequestLookedUpThenServletLookup}: a cleartext {@code GET} on a path whose {@code POST}
 * requires TLS: the filter looks the handler up and decides, then the servlet looks it up again. Its difference to
 * the reference is what the starter costs such a request.</li>
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
public class ServletFilterBenchmarks {

	private static final String SERVLET_NAME = "dispatcherServlet";

	private AnnotationConfigWebApplicationContext context;

	private UpgradeRequiredFilter filter;

	private List<HandlerMapping> mappings;

	private MockHttpServletRequest unprotectedRequest;

	private MockHttpServletRequest protectedTlsRequest;

	private MockHttpServletRequest sharedPathRequest;

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final FilterChain nothing = (request, response) -> {
	};

	private final FilterChain servlet = (request, response) -> {
		try {
			servletLookup((HttpServletRequest) request);
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
	};

	private int passed;

	private final FilterChain counting = (request, response) -> this.passed++;

	@Setup
	public void setUp() throws Exception {
		MockServletContext servletContext = new MockServletContext();
		this.context = new AnnotationConfigWebApplicationContext();
		this.context.setServletContext(servletContext);
		this.context.register(MvcConfiguration.class);
		DispatcherServlet dispatcherServlet = new DispatcherServlet(this.context);
		dispatcherServlet.init(new MockServletConfig(servletContext, SERVLET_NAME));
		this.mappings = dispatcherServlet.getHandlerMappings();
		UpgradePolicy policy = UpgradePolicy.builder().build();
		HandlerInventory handlers = new HandlerInventory();
		for (HandlerMapping mapping : this.mappings) {
			if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
				methods.getHandlerMethods()
					.forEach((info, method) -> handlers.add(info.getPatternValues(), List.of(), method,
							method.toString()));
			}
		}
		policy.index().index(handlers);
		UpgradeRequiredFilter.Target target = new UpgradeRequiredFilter.Target(SERVLET_NAME, this.context,
				this.mappings, true);
		ServletRequestView view = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
				new ServletMappedHandlerRequirements(), () -> target);
		this.filter = new UpgradeRequiredFilter(policy.decider(), view, new ServletRefusalWriter(), null);
		this.unprotectedRequest = request("/api/hello", false);
		this.protectedTlsRequest = request("/api/secure", true);
		this.sharedPathRequest = request("/api/report", false);
		for (MockHttpServletRequest request : List.of(this.unprotectedRequest, this.protectedTlsRequest,
				this.sharedPathRequest)) {
			this.filter.doFilter(request, this.response, this.counting);
		}
		if (this.passed != 3 || servletLookup(this.sharedPathRequest) == null) {
			throw new IllegalStateException("The benchmarked requests are not handled as expected");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	private static MockHttpServletRequest request(String path, boolean tls) {
		MockHttpServletRequest request = Api.get(path, tls);
		request.setHttpServletMapping(new MockHttpServletMapping(path.substring(1), "/", SERVLET_NAME,
				MappingMatch.DEFAULT));
		return request;
	}

	@Benchmark
	public void unprotectedPathPassesThrough() throws IOException, ServletException {
		this.filter.doFilter(this.unprotectedRequest, this.response, this.nothing);
	}

	@Benchmark
	public void allowedRequestPassesThrough() throws IOException, ServletException {
		this.filter.doFilter(this.protectedTlsRequest, this.response, this.nothing);
	}

	@Benchmark
	public HandlerExecutionChain servletLookup() throws Exception {
		return servletLookup(this.sharedPathRequest);
	}

	@Benchmark
	public void allowedRequestLookedUpThenServletLookup() throws IOException, ServletException {
		this.filter.doFilter(this.sharedPathRequest, this.response, this.servlet);
	}

	// As the servlet does: with its context in the request, the mappings share the path parsed here.
	private HandlerExecutionChain servletLookup(HttpServletRequest request) throws Exception {
		request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, this.context);
		ServletRequestPathUtils.parseAndCache(request);
		try {
			for (HandlerMapping mapping : this.mappings) {
				HandlerExecutionChain chain = mapping.getHandler(request);
				if (chain != null) {
					return chain;
				}
			}
			return null;
		}
		finally {
			ServletRequestPathUtils.clearParsedRequestPath(request);
			request.removeAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE);
		}
	}

	/**
	 * Spring MVC with {@link Api}.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(Api.class)
	static class MvcConfiguration {

	}

}
