package dev.upgraderequired.benchmarks.large;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

/**
 * A large application, generated: {@code large.endpoints} pattern endpoints {@code GET /c7/e2/{id}} (40 per
 * {@code /cN}), three in four of them requiring TLS, {@code large.rules} path rules {@code /rN/**} requiring TLS, and
 * {@code GET /hello}; plain HTTP (and h2c) on {@code server.port}, TLS taken from {@code X-Forwarded-Proto}
 * ({@code server.forward-headers-strategy=native}), as behind a proxy. {@code benchmarks/load.sh} measures with it
 * what a refusal costs against serving, and what an allowed request costs with and without the starter, at the size
 * where Spring's own handler lookup is expensive. Spring MVC on Tomcat by default, WebFlux on Reactor Netty with
 * {@code --spring.main.web-application-type=reactive}.
 *
 * @author upgrade-required
 */
@SpringBootApplication(exclude = TomcatReactiveWebServerAutoConfiguration.class)
@RestController
public class LargeApplication {

	static final String ENDPOINTS = "large.endpoints";

	/**
	 * The path of the floor: the fastest a refusal can be on the stack, the same 426 as the starter's refusal of the
	 * last protected endpoint (its status, headers and body, which {@code load.sh} compares), written by a filter
	 * ordered before the starter's (at its default order) that decides nothing. Reactor Netty leaves out the
	 * connection's headers over HTTP/2 itself.
	 */
	static final String FLOOR = "/floor";

	private static final byte[] FLOOR_BODY = ("{\"type\":\"about:blank\",\"title\":\"Upgrade Required\",\"status\":426,"
			+ "\"detail\":\"This resource is only served over TLS. Repeat the request with https.\","
			+ "\"instance\":\"/c99/e39/42\",\"upgrade\":[\"TLS/1.3\",\"TLS/1.2\",\"HTTP/1.1\"]}")
		.getBytes(StandardCharsets.US_ASCII);

	private static final int FLOOR_ORDER = -102;

	private static final Method OPEN = ReflectionUtils.findMethod(Endpoints.class, "open", String.class);

	private static final Method SECURE = ReflectionUtils.findMethod(Endpoints.class, "secure", String.class);

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(LargeApplication.class);
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Not the comparator's application.properties, which turns the starter off.
		defaults.put("spring.config.name", "large-application");
		defaults.put("spring.application.name", "large-application");
		defaults.put("server.forward-headers-strategy", "native");
		defaults.put("server.http2.enabled", true);
		defaults.put(ENDPOINTS, 4000);
		int rules = Integer.parseInt(System.getProperty("large.rules", "400"));
		for (int i = 0; i < rules; i++) {
			defaults.put("upgrade-required.rules[" + i + "].paths", "/r" + i + "/**");
			defaults.put("upgrade-required.rules[" + i + "].protocol", "tls");
		}
		application.setDefaultProperties(defaults);
		application.run(args);
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	/**
	 * The handler methods every generated endpoint is mapped to.
	 */
	@ResponseBody
	public static class Endpoints {

		public String open(@PathVariable("id") String id) {
			return id;
		}

		@RequiresProtocol(Protocol.TLS)
		public String secure(@PathVariable("id") String id) {
			return id;
		}

	}

	// Each generated endpoint's pattern and handler method: GET /c7/e2/{id}, three in four requiring TLS.
	private static void forEachEndpoint(Environment environment, BiConsumer<String, Method> endpoint) {
		for (int i = 0; i < environment.getProperty(ENDPOINTS, Integer.class, 4000); i++) {
			endpoint.accept("/c" + (i / 40) + "/e" + (i % 40) + "/{id}", (i % 4 != 0) ? SECURE : OPEN);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletFloor {

		@Bean
		FilterRegistrationBean<Filter> floor() {
			FilterRegistrationBean<Filter> floor = new FilterRegistrationBean<>((request, response, chain) -> {
				HttpServletResponse http = (HttpServletResponse) response;
				http.setStatus(426);
				// As the starter: HTTP/2 has no Upgrade (nor Connection) header.
				if (request.getProtocol().startsWith("HTTP/1")) {
					http.setHeader("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1");
					http.setHeader("Connection", "Upgrade");
				}
				http.setHeader("Cache-Control", "no-store");
				http.setContentType("application/problem+json");
				http.setContentLength(FLOOR_BODY.length);
				http.getOutputStream().write(FLOOR_BODY);
			});
			floor.addUrlPatterns(FLOOR);
			floor.setOrder(FLOOR_ORDER);
			return floor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveFloor {

		@Bean
		@Order(FLOOR_ORDER)
		WebFilter floor() {
			return (exchange, chain) -> {
				if (!exchange.getRequest().getPath().value().equals(FLOOR)) {
					return chain.filter(exchange);
				}
				ServerHttpResponse response = exchange.getResponse();
				response.setStatusCode(HttpStatusCode.valueOf(426));
				HttpHeaders headers = response.getHeaders();
				headers.set("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1");
				headers.set("Connection", "Upgrade");
				headers.set("Cache-Control", "no-store");
				headers.set("Content-Type", "application/problem+json");
				headers.setContentLength(FLOOR_BODY.length);
				return response.writeWith(Mono.just(response.bufferFactory().wrap(FLOOR_BODY)));
			};
		}

	}

	// Registered before the starter lists the handlers (the application's beans come before auto-configurations').
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletEndpoints {

		@Bean
		SmartInitializingSingleton largeServletEndpoints(
				@Qualifier("requestMappingHandlerMapping") org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mapping,
				Environment environment) {
			Endpoints endpoints = new Endpoints();
			return () -> forEachEndpoint(environment, (pattern, method) -> mapping.registerMapping(
					org.springframework.web.servlet.mvc.method.RequestMappingInfo.paths(pattern)
						.methods(RequestMethod.GET)
						.options(mapping.getBuilderConfiguration())
						.build(),
					endpoints, method));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEndpoints {

		@Bean
		SmartInitializingSingleton largeReactiveEndpoints(
				@Qualifier("requestMappingHandlerMapping") org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping mapping,
				Environment environment) {
			Endpoints endpoints = new Endpoints();
			org.springframework.web.reactive.result.method.RequestMappingInfo.BuilderConfiguration options =
					new org.springframework.web.reactive.result.method.RequestMappingInfo.BuilderConfiguration();
			options.setPatternParser(mapping.getPathPatternParser());
			return () -> forEachEndpoint(environment, (pattern, method) -> mapping.registerMapping(
					org.springframework.web.reactive.result.method.RequestMappingInfo.paths(pattern)
						.methods(RequestMethod.GET)
						.options(options)
						.build(),
					endpoints, method));
		}

	}

}
