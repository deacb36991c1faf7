package dev.upgraderequired.benchmarks.gateway.webmvc;

import dev.upgraderequired.gateway.webmvc.RequireProtocolFilterFunctions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * A Spring Cloud Gateway (Server Web MVC) in front of {@code benchmark.backend} (the comparator's {@code /api/hello}):
 * {@code /open/**} proxied as it is, {@code /protected/**} requiring TLS (unless
 * {@code benchmark.require-protocol=false}), both to the backend's {@code /api/hello}. Plain HTTP; the scheme is
 * {@code X-Forwarded-Proto}'s, as behind a load balancer ({@code server.forward-headers-strategy=native}).
 *
 * @author upgrade-required
 */
@SpringBootApplication
public class WebMvcGatewayBenchmarkApplication {

	@Bean
	RouterFunction<ServerResponse> openRoute(@Value("${benchmark.backend}") String backend) {
		return route("open").GET("/open/**", http()).before(uri(backend)).before(setPath("/api/hello")).build();
	}

	@Bean
	RouterFunction<ServerResponse> protectedRoute(@Value("${benchmark.backend}") String backend,
			@Value("${benchmark.require-protocol:true}") boolean requireProtocol) {
		RouterFunctions.Builder route = route("protected").GET("/protected/**", http())
			.before(uri(backend))
			.before(setPath("/api/hello"));
		if (requireProtocol) {
			route.withAttributes(RequireProtocolFilterFunctions.routeRequires("TLS"));
		}
		return route.build();
	}

	public static void main(String[] args) {
		SpringApplication.run(WebMvcGatewayBenchmarkApplication.class, args);
	}

}
