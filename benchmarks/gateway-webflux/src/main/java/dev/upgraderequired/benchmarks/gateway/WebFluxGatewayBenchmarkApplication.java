package dev.upgraderequired.benchmarks.gateway;

import java.util.List;

import dev.upgraderequired.gateway.webflux.RequireProtocolGatewayFilterFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Cloud Gateway (Server WebFlux) in front of {@code benchmark.backend} (the comparator's {@code /api/hello}):
 * {@code /open/**} proxied as it is, {@code /protected/**} with {@code RequireProtocol=TLS} (unless
 * {@code benchmark.require-protocol=false}), both to the backend's {@code /api/hello}. Plain HTTP; the scheme is
 * {@code X-Forwarded-Proto}'s, as behind a load balancer ({@code server.forward-headers-strategy=native}).
 *
 * @author upgrade-required
 */
@SpringBootApplication
public class WebFluxGatewayBenchmarkApplication {

	@Bean
	RouteLocator benchmarkRoutes(RouteLocatorBuilder builder, @Value("${benchmark.backend}") String backend,
			@Value("${benchmark.require-protocol:true}") boolean requireProtocol,
			ObjectProvider<RequireProtocolGatewayFilterFactory> factory) {
		return builder.routes()
			.route("open", (route) -> route.path("/open/**")
				.filters((filters) -> filters.setPath("/api/hello"))
				.uri(backend))
			.route("protected", (route) -> route.path("/protected/**").filters((filters) -> {
				if (requireProtocol) {
					filters.filter(factory.getObject().apply((config) -> config.setRequires(List.of("TLS"))));
				}
				return filters.setPath("/api/hello");
			}).uri(backend))
			.build();
	}

	public static void main(String[] args) {
		SpringApplication.run(WebFluxGatewayBenchmarkApplication.class, args);
	}

}
