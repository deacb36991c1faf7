package dev.upgraderequired.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.RequiresProtocolResolver;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.servlet.MappedHandlerRequirements;
import dev.upgraderequired.servlet.ServletUpgradeResponseWriter;
import dev.upgraderequired.servlet.UpgradeRequiredExceptionResolver;
import dev.upgraderequired.servlet.UpgradeRequiredFilter;
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

import org.springframework.context.annotation.Bean;
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
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * What {@link UpgradeRequiredFilter} adds to a request that it lets through to the {@code DispatcherServlet},
 * with the handler mappings of a real, initialized {@code DispatcherServlet} ({@code @EnableWebMvc} and the
 * controller {@link Api}):
 * <ul>
 * <li>{@link #unprotectedPathPassesThrough}: a request whose path starts like no protected endpoint's; the
 * filter, then the servlet asking the handover mapping, which has nothing for it.</li>
 * <li>{@link #allowedRequestPassesThrough}: a TLS request for the TLS-only endpoint: it meets the requirement of
 * every endpoint its path may be for, so the filter does not look its handler up.</li>
 * <li>{@link #servletLookupWithoutStarter}: the reference for the next one, what the servlet does to find the
 * handler of a request (parse the path, ask the mappings in order).</li>
 * <li>{@link #allowedRequestLookedUpAndHandedOver}: a cleartext {@code GET} on a path whose {@code POST} requires
 * TLS: the filter looks the handler up and decides, then the servlet parses the path as always and receives the
 * handler from the handover mapping. Its difference to the reference is what the starter costs such a
 * request.</li>
 * </ul>
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

	private List<HandlerMapping> mappingsWithoutStarter;

	private MockHttpServletRequest unprotectedRequest;

	private MockHttpServletRequest protectedTlsRequest;

	private MockHttpServletRequest sharedPathRequest;

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private FilterChain servlet;

	// What the servlet asks the handover mapping for a request the filter let pass without a lookup.
	private FilterChain handoverOnly;

	private HandlerExecutionChain handedOver;

	@Setup
	public void setUp() throws Exception {
		MockServletContext servletContext = new MockServletContext();
		this.context = new AnnotationConfigWebApplicationContext();
		this.context.setServletContext(servletContext);
		this.context.register(MvcConfiguration.class);
		DispatcherServlet dispatcherServlet = new DispatcherServlet(this.context);
		dispatcherServlet.init(new MockServletConfig(servletContext, SERVLET_NAME));
		this.context.getBean(MvcConfiguration.class).servlet.set(dispatcherServlet);
		this.filter = this.context.getBean(UpgradeRequiredFilter.class);
		List<HandlerMapping> mappings = dispatcherServlet.getHandlerMappings();
		this.filter.registerProtectedHandlers(mappings);
		this.mappingsWithoutStarter = mappings.stream()
			.filter((mapping) -> mapping != this.filter.handlerMapping())
			.toList();
		HandlerMapping handover = this.filter.handlerMapping();
		this.handoverOnly = (request, response) -> {
			try {
				this.handedOver = handover.getHandler((HttpServletRequest) request);
			}
			catch (Exception ex) {
				throw new ServletException(ex);
			}
		};
		// What the servlet does before it asks the handover mapping.
		this.servlet = (request, response) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			http.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, this.context);
			ServletRequestPathUtils.parseAndCache(http);
			try {
				this.handedOver = handover.getHandler(http);
			}
			catch (Exception ex) {
				throw new ServletException(ex);
			}
			finally {
				ServletRequestPathUtils.clearParsedRequestPath(http);
				http.removeAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE);
			}
		};
		this.unprotectedRequest = request("/api/hello", false);
		this.protectedTlsRequest = request("/api/secure", true);
		this.sharedPathRequest = request("/api/report", false);
		// The unprotected and the allowed TLS requests are not looked up, so nothing is handed over; the cleartext
		// GET is.
		this.filter.doFilter(this.unprotectedRequest, this.response, this.servlet);
		boolean passedRequestHandedOver = this.handedOver != null;
		this.filter.doFilter(this.protectedTlsRequest, this.response, this.servlet);
		passedRequestHandedOver |= this.handedOver != null;
		allowedRequestLookedUpAndHandedOver();
		if (passedRequestHandedOver || this.handedOver == null || servletLookupWithoutStarter() == null) {
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
		this.filter.doFilter(this.unprotectedRequest, this.response, this.handoverOnly);
	}

	@Benchmark
	public void allowedRequestPassesThrough() throws IOException, ServletException {
		this.filter.doFilter(this.protectedTlsRequest, this.response, this.handoverOnly);
	}

	@Benchmark
	public HandlerExecutionChain servletLookupWithoutStarter() throws Exception {
		MockHttpServletRequest request = this.sharedPathRequest;
		// As the servlet does: with its context in the request, the mappings share the path parsed here.
		request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, this.context);
		ServletRequestPathUtils.parseAndCache(request);
		try {
			for (HandlerMapping mapping : this.mappingsWithoutStarter) {
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

	@Benchmark
	public HandlerExecutionChain allowedRequestLookedUpAndHandedOver() throws IOException, ServletException {
		this.handedOver = null;
		this.filter.doFilter(this.sharedPathRequest, this.response, this.servlet);
		return this.handedOver;
	}

	/**
	 * Spring MVC with {@link Api} and the starter's filter, wired as the auto-configuration wires it.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(Api.class)
	static class MvcConfiguration {

		final AtomicReference<DispatcherServlet> servlet = new AtomicReference<>();

		@Bean
		UpgradeRequiredFilter upgradeRequiredFilter() {
			EndpointRequirements requirements = new EndpointRequirements(List.of(),
					List.of(new RequiresProtocolResolver()));
			ServletContainerRequestFacts facts = ServletContainerRequestFacts.tomcat();
			ServletUpgradeResponseWriter writer = new ServletUpgradeResponseWriter(new UpgradeResponder(null), facts);
			UpgradeRequiredExceptionResolver failures = new UpgradeRequiredExceptionResolver(writer,
					new MappedHandlerRequirements(requirements), requirements, facts);
			return new UpgradeRequiredFilter(requirements, failures, writer, facts, this.servlet::get, 0);
		}

		@Bean
		HandlerMapping upgradeRequiredHandlerHandover(UpgradeRequiredFilter filter) {
			return filter.handlerMapping();
		}

	}

}
