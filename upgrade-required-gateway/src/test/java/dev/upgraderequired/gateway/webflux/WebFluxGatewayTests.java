package dev.upgraderequired.gateway.webflux;

import java.time.Duration;
import java.util.List;

import dev.upgraderequired.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionWriter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway contract on Spring Cloud Gateway Server WebFlux, on Reactor Netty: routes from configuration, from a
 * route repository refreshed with {@code RefreshRoutesEvent}, and from the Java DSL.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxGatewayTests extends AbstractGatewayTests {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	WebFluxGatewayTests() {
		super(Flavour.webflux(GatewayApplication.class));
	}

	@Override
	protected void addRoute(Gateway gateway, int index, String id, String path, String filter) {
		RouteDefinition route = new RouteDefinition(id + "=" + backendUri() + ",Path=" + path);
		route.getFilters().add(new FilterDefinition(filter));
		gateway.context().getBean(RouteDefinitionWriter.class).save(Mono.just(route)).block(Duration.ofSeconds(10));
		gateway.context().publishEvent(new RefreshRoutesEvent(this));
	}

	@Override
	protected void removeRoute(Gateway gateway) {
		gateway.context().getBean(RouteDefinitionWriter.class).delete(Mono.just("late")).block(Duration.ofSeconds(10));
		gateway.context().publishEvent(new RefreshRoutesEvent(this));
	}

	// Only a path a protected route's Path predicate may match is looked up early: an open route's request is not
	// looked up twice; an encoded spelling of a protected path is.
	@Test
	void earlyFilterLooksUpOnlyPathsOfProtectedRoutes(CapturedOutput output) throws Exception {
		try (Gateway gateway = start(Security.WITH, "logging.level.dev.upgraderequired.core.RequestDecider=trace")) {
			assertThat(send(http11(null), gateway.http("/open/x"), CREDENTIALS).body()).isEqualTo("backend /open/x");
			assertThat(output).contains("Decided GET /open/x by its path: proceed");
			assertThat(send(http11(null), gateway.http("/secure/x"), null).statusCode()).isEqualTo(426);
			assertThat(output).contains("Decided GET /secure/x by its handler: respond 426");
			assertThat(send(http11(null), gateway.http("/%73ecure/x"), null).statusCode()).isEqualTo(426);
			assertThat(send(http11(null), gateway.http("/SECURE/x"), null).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void fullFormGathersEveryArgumentAsTheGatewayBindsIt() {
		assertThat(startFailure(ROUTES + "[3].filters[0].name=RequireProtocol", ROUTES + "[3].filters[0].args.requires=TLS",
				ROUTES + "[3].filters[0].args.min=1.1"))
			.hasMessageContaining("'1.1' for " + ROUTES + "[3].filters[0]");
	}

	// The recipe of docs/gateway.md: the services learn the gateway's scheme, never the client's.
	@Test
	void servicesBehindTheRecipesGatewayLearnItsSchemeNotTheClients() throws Exception {
		try (Gateway gateway = start(Security.WITHOUT, "spring.cloud.gateway.server.webflux.trusted-proxies=.*",
				"spring.cloud.gateway.server.webflux.x-forwarded.proto-append=false")) {
			send(http11(null), gateway.http("/open/x"), null, "X-Forwarded-Proto", "https");
			assertThat(forwardedProto.get()).isEqualTo("http");
			send(http11(null), gateway.https("/secure/x"), null, "X-Forwarded-Proto", "http");
			assertThat(forwardedProto.get()).isEqualTo("https");
		}
		// Without trusted-proxies, the gateway sends none, and drops the client's.
		try (Gateway gateway = start(Security.WITHOUT)) {
			send(http11(null), gateway.https("/open/x"), null, "X-Forwarded-Proto", "https");
			assertThat(forwardedProto.get()).isEqualTo("none");
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class GatewayApplication {

		@Bean
		@ConditionalOnBooleanProperty("dsl.route")
		RouteLocator dslRoutes(RouteLocatorBuilder builder, RequireProtocolGatewayFilterFactory requireProtocol) {
			return builder.routes()
				.route("dsl", (route) -> route.path("/dsl/**")
					.filters((filters) -> filters
						.filter(requireProtocol.apply((config) -> config.setRequires(List.of("TLS", "1.3")))))
					.uri(backendUri()))
				.build();
		}

	}

}
