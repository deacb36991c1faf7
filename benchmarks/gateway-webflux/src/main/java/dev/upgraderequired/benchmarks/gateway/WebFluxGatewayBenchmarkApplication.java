package dev.upgraderequired.benchmarks.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Cloud Gateway (Server WebFlux) in front of {@code benchmark.backend} (the comparator's {@code /api/hello}),
 * with configured routes (application.properties): {@code /open/**} proxied as it is, {@code /protected/**} with
 * {@code RequireProtocol=TLS} in the {@code require-protocol} profile, both to the backend's {@code /api/hello}. Plain
 * HTTP; the scheme is {@code X-Forwarded-Proto}'s, as behind a load balancer
 * ({@code server.forward-headers-strategy=native}).
 *
 * @author upgrade-required
 */
@SpringBootApplication
public class WebFluxGatewayBenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebFluxGatewayBenchmarkApplication.class, args);
	}

}
