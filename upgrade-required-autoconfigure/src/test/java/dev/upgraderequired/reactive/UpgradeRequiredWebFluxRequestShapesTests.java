package dev.upgraderequired.reactive;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * The WebFlux filter, its only check, on a real Reactor Netty, before a filter ordered where Spring Security's is
 * (it answers 401 to requests with {@code X-Deny}): a request that no handler serves is held to the path rules, and
 * a handler whose requirement cannot be decided fails its request rather than pass unchecked.
 */
@SpringBootTest(classes = UpgradeRequiredWebFluxRequestShapesTests.Application.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.web.resources.add-mappings=false",
				"upgrade-required.rules[0].paths=/gone/**", "upgrade-required.rules[0].protocol=tls" })
class UpgradeRequiredWebFluxRequestShapesTests {

	private static final String DENY = "X-Deny";

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void requestThatNoHandlerServesIsHeldToThePathRules() {
		this.client.get().uri("/gone/page").header(DENY, "yes").exchange().expectStatus().isEqualTo(426);
		this.client.get().uri("/elsewhere").exchange().expectStatus().isNotFound();
	}

	@Test
	void handlerWhoseRequirementCannotBeDecidedFailsItsRequest() {
		this.client.get().uri("/undecidable").exchange().expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		this.client.get().uri("/open").header(DENY, "yes").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/open").exchange().expectStatus().isOk();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = TomcatReactiveWebServerAutoConfiguration.class)
	static class Application {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.GET("/open", (request) -> ServerResponse.ok().bodyValue("open"))
				.GET("/undecidable", new Undecidable())
				.build();
		}

		// Router functions cannot be listed at startup: this resolver fails at the first request.
		@Bean
		HandlerRequirementResolver undecidableResolver() {
			return (handler) -> {
				if (handler instanceof Undecidable) {
					throw new InvalidRequirementException("the undecidable handler", "?", "a requirement");
				}
				return null;
			};
		}

		@Bean
		@Order(-100)
		WebFilter securityLikeFilter() {
			return (exchange, chain) -> {
				if (exchange.getRequest().getHeaders().containsHeader(DENY)) {
					exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
					return exchange.getResponse().setComplete();
				}
				return chain.filter(exchange);
			};
		}

	}

	static final class Undecidable implements HandlerFunction<ServerResponse> {

		@Override
		public Mono<ServerResponse> handle(ServerRequest request) {
			return ServerResponse.ok().bodyValue("served unchecked");
		}

	}

}
