package dev.upgraderequired.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.security.Principal;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.upgraderequired.servlet.WebMvcTestApplication.TlsOnly;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the servlet filter has to get right, on a real Tomcat over cleartext HTTP/1.1: refusing before the
 * filters after it (Spring Security's among them) and the {@code DispatcherServlet}, and leaving to the interceptor
 * only what no filter sees. The behaviour shared with MockMvc and WebFlux is tested by the other Spring MVC tests and
 * by the sample's contract.
 */
@SpringBootTest(classes = { WebMvcTestApplication.class, UpgradeRequiredFilterIntegrationTests.Extras.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "upgrade-required.rules[0].paths=/rule/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredFilterIntegrationTests {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	Extras extras;

	@BeforeEach
	void forget() {
		this.extras.lookups.clear();
		this.extras.reachedLaterFilter.clear();
	}

	@Test
	void refusalNeverReachesTheFiltersAfterItNorTheServlet() throws Exception {
		HttpResponse<String> response = get("/class/inherited");
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(response.headers().firstValue("Connection")).hasValue("Upgrade");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":426", "\"instance\":\"/class/inherited\"");
		assertThat(this.extras.reachedLaterFilter).isEmpty();
		assertThat(this.extras.lookups).containsExactly("filter /class/inherited");
	}

	@Test
	void headIsRefusedBeforeTheServletWithoutABody() throws Exception {
		HttpResponse<String> response = send(request("/class/inherited").method("HEAD", BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(response.body()).isEmpty();
		assertThat(this.extras.lookups).containsExactly("filter /class/inherited");
	}

	@Test
	void pathRuleRefusesBeforeTheServletToo() throws Exception {
		assertThat(get("/rule/thing").statusCode()).isEqualTo(426);
		assertThat(this.extras.reachedLaterFilter).isEmpty();
	}

	@Test
	void refusalForAHandlerWithACorsConfigurationCarriesTheVaryHeadersOfCorsProcessing() throws Exception {
		HttpResponse<String> response = get("/rule/cors");
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.headers().allValues("Vary")).isNotEmpty();
		assertThat(this.extras.lookups).containsExactly("filter /rule/cors");
		assertThat(this.extras.reachedLaterFilter).isEmpty();
	}

	@Test
	void requestWithForwardingHeadersThatNoStrategyTrustsIsRefusedByTheFilter() throws Exception {
		HttpResponse<String> response = send(request("/class/inherited").header("X-Forwarded-Proto", "https").GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(this.extras.lookups).containsExactly("filter /class/inherited");
		assertThat(this.extras.reachedLaterFilter).isEmpty();
	}

	@Test
	void requestThatNoRequirementOfItsPathCanRefuseIsNotLookedUpByTheFilter() throws Exception {
		HttpResponse<String> response = get("/plain");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("plain");
		assertThat(this.extras.reachedLaterFilter).containsExactly("/plain");
		assertThat(this.extras.lookups).containsExactly("servlet /plain");
	}

	@Test
	void webSocketHandshakeMeetsItsRequirementAndIsNotLookedUpByTheFilter() throws Exception {
		WebSocket webSocket = client.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/ws"), new WebSocket.Listener() {
			})
			.get(10, TimeUnit.SECONDS);
		webSocket.abort();
		assertThat(this.extras.lookups).containsExactly("servlet /ws");
	}

	@Test
	void allowedRequestOnAProtectedPathIsLookedUpByTheFilterAndAgainByTheServlet() throws Exception {
		HttpResponse<String> response = get("/switch");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("get");
		assertThat(this.extras.lookups).containsExactly("filter /switch", "servlet /switch");
	}

	@Test
	void requestWrappedWithAnotherPathByALaterFilterIsCheckedAgainstItsNewHandler() throws Exception {
		HttpResponse<String> response = send(request("/switch").header("X-Rewrite-To", "/class/inherited").GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.body()).contains("\"instance\":\"/class/inherited\"");
		assertThat(this.extras.lookups).containsExactly("filter /switch", "servlet /class/inherited");
	}

	@Test
	void requestWrappedWithAnotherMethodByALaterFilterIsCheckedAgainstItsNewHandler() throws Exception {
		HttpResponse<String> response = send(request("/switch").header("X-Method", "POST").GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(this.extras.lookups).containsExactly("filter /switch", "servlet /switch");
	}

	@Test
	void refusalOfACrossOriginRequestCarriesItsCorsHeaders() throws Exception {
		HttpResponse<String> response = send(request("/rule/cors").header("Origin", "https://good.example").GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://good.example");
	}

	@Test
	void crossOriginRequestThatCorsRefusesKeepsItsForbiddenStatus() throws Exception {
		assertThat(send(request("/rule/cors").header("Origin", "https://evil.example").GET()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void protectedEndpointWhoseProducesConditionFailsIsRefusedBeforeTheServlet() throws Exception {
		HttpResponse<String> response = send(request("/items/1").header("Accept", "text/html").GET());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(this.extras.reachedLaterFilter).isEmpty();
		assertThat(this.extras.lookups).containsExactly("filter /items/1");
	}

	@Test
	void protectedEndpointWhoseConsumesConditionFailsIsRefusedBeforeTheServlet() throws Exception {
		HttpResponse<String> response = send(request("/json-in").header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString("x")));
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(this.extras.reachedLaterFilter).isEmpty();
	}

	@Test
	void methodThePathDoesNotMapIsRefusedBeforeTheServletWhenAnotherMethodOfThePathRequiresMore() throws Exception {
		// GET /switch is open, POST /switch requires TLS: the resource is protected, as for OPTIONS.
		HttpResponse<String> response = send(request("/switch").DELETE());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(this.extras.reachedLaterFilter).isEmpty();
		assertThat(this.extras.lookups).containsExactly("filter /switch");
	}

	@Test
	void otherFailuresAreLeftToTheServlet() throws Exception {
		assertThat(get("/switchboard").statusCode()).isEqualTo(404);
		assertThat(this.extras.reachedLaterFilter).containsExactly("/switchboard");
		// The error goes on to Boot's error page, whose dispatch the filter does not see.
		assertThat(this.extras.lookups).containsExactly("filter /switchboard", "servlet /switchboard",
				"servlet /error");
	}

	// No rule covers it here (see UpgradeRequiredFilterRequestShapesTests), and annotations are the servlet's.
	@Test
	void requestForAnotherServletIsLeftAlone() throws Exception {
		HttpResponse<String> response = get("/legacy/class/inherited");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("legacy");
		assertThat(this.extras.lookups).isEmpty();
	}

	@Test
	void forwardToAProtectedEndpointIsRefusedByTheInterceptor() throws Exception {
		HttpResponse<String> response = get("/forward-to-protected");
		assertThat(response.statusCode()).isEqualTo(426);
		// The client is told about the URL it asked for, not the forward's target.
		assertThat(response.body()).contains("\"instance\":\"/forward-to-protected\"")
			.doesNotContain("/class/inherited");
		assertThat(this.extras.lookups).containsExactly("servlet /forward-to-protected", "servlet /class/inherited");
	}

	@Test
	void functionalEndpointIsLookedUpAgainSoThatItSeesTheRequestOfTheLaterFilters() throws Exception {
		HttpResponse<String> response = send(request("/switch/whoami").header("X-User", "alice").GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("alice");
		assertThat(this.extras.lookups).containsExactly("filter /switch/whoami", "servlet /switch/whoami");
	}

	@Test
	void malformedOriginStillGetsItsRefusal() throws Exception {
		HttpResponse<String> response = send(request("/class/inherited").header("Origin", "http://[").GET());
		assertThat(response.statusCode()).isEqualTo(426);
	}

	@Test
	void sameOriginPreflightIsNotRefused() throws Exception {
		HttpResponse<String> response = send(request("/rule/cors").header("Origin", "http://localhost:" + this.port)
			.header("Access-Control-Request-Method", "GET")
			.method("OPTIONS", BodyPublishers.noBody()));
		assertThat(response.statusCode()).isNotEqualTo(426);
		assertThat(response.headers().firstValue("Upgrade")).isEmpty();
	}

	@Test
	void refusalComesBeforeAFilterOrderedWhereSpringSecurityIsByDefault() throws Exception {
		assertThat(send(request("/class/inherited").header(Extras.DENY, "yes").GET()).statusCode())
			.isEqualTo(426);
		assertThat(send(request("/plain").header(Extras.DENY, "yes").GET()).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	private HttpRequest.Builder request(String path) {
		return request(this.port, path);
	}

	static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.build(), BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@Import(Extras.SwitchController.class)
	static class Extras implements WebMvcConfigurer {

		// A request with this header is refused with 401 by a filter ordered where Spring Security's would be.
		static final String DENY = "X-Deny";

		// Handler lookups, by who looked up ("filter" or "servlet") and request URI.
		final Queue<String> lookups = new ConcurrentLinkedQueue<>();

		// Requests that got past the starter's filter, to a filter ordered after it.
		final Queue<String> reachedLaterFilter = new ConcurrentLinkedQueue<>();

		@Override
		public void addCorsMappings(CorsRegistry registry) {
			registry.addMapping("/rule/cors").allowedOrigins("https://good.example");
		}

		// Before every other mapping: counts lookups, finds nothing.
		@Bean
		HandlerMapping countingHandlerMapping() {
			return new CountingHandlerMapping(this.lookups);
		}

		// Without an order, so after the starter's filter: records what reached it, rewrites the path or the method,
		// or authenticates as Spring Security would; the interceptor checks what it rewrote.
		@Bean
		OncePerRequestFilter rewritingFilter() {
			return new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					Extras.this.reachedLaterFilter.add(request.getRequestURI());
					chain.doFilter(rewritten(request), response);
				}

			};
		}

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> securityLikeFilter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							if (request.getHeader(DENY) != null) {
								response.setStatus(401);
								return;
							}
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(-100);
			return registration;
		}

		// A functional endpoint on a path that may be protected (POST /switch requires TLS).
		@Bean
		RouterFunction<ServerResponse> whoami() {
			return RouterFunctions.route()
				.GET("/switch/whoami",
						(request) -> ServerResponse.ok().body(request.principal().map(Principal::getName).orElse("-")))
				.build();
		}

		@Bean
		ServletRegistrationBean<HttpServlet> legacyServlet() {
			return new ServletRegistrationBean<>(new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
					response.getWriter().write("legacy");
				}

			}, "/legacy/*");
		}

		private static HttpServletRequest rewritten(HttpServletRequest request) {
			String path = request.getHeader("X-Rewrite-To");
			String method = request.getHeader("X-Method");
			String user = request.getHeader("X-User");
			if (path == null && method == null && user == null) {
				return request;
			}
			return new HttpServletRequestWrapper(request) {

				@Override
				public @Nullable Principal getUserPrincipal() {
					return (user != null) ? () -> user : super.getUserPrincipal();
				}

				@Override
				public String getRequestURI() {
					return (path != null) ? path : super.getRequestURI();
				}

				@Override
				public String getServletPath() {
					return (path != null) ? path : super.getServletPath();
				}

				@Override
				public String getMethod() {
					return (method != null) ? method : super.getMethod();
				}

			};
		}

		@RestController
		static class SwitchController {

			@GetMapping("/switch")
			String get() {
				return "get";
			}

			@TlsOnly
			@PostMapping("/switch")
			String post() {
				return "post";
			}

			@GetMapping("/rule/cors")
			String cors() {
				return "cors";
			}

			@GetMapping("/forward-to-protected")
			ModelAndView forward() {
				return new ModelAndView("forward:/class/inherited");
			}

		}

		// A kind of mapping the starter knows (one it can list the handlers of), so that the filter keeps its fast
		// path.
		private static final class CountingHandlerMapping extends AbstractUrlHandlerMapping {

			private final Queue<String> lookups;

			CountingHandlerMapping(Queue<String> lookups) {
				this.lookups = lookups;
				setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			}

			@Override
			protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
				// Only the servlet sets its locale resolver up before it looks a handler up.
				boolean servlet = request.getAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE) != null;
				this.lookups.add((servlet ? "servlet " : "filter ") + request.getRequestURI());
				return null;
			}

		}

	}

}
