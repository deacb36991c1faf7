package dev.upgraderequired.reactive;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;

/**
 * The WebFlux adapter in the application contexts around it: a child context with a dispatcher of its own (such as
 * the management server's).
 */
class UpgradeRequiredWebFluxContextTests {

	@Test
	void childContextWithItsOwnDispatcherServesItsOwnHandlers() {
		try (ConfigurableApplicationContext parent = new SpringApplicationBuilder(WebFluxTestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties("server.port=0")
			.run(); AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
			child.setParent(parent);
			child.register(ChildConfiguration.class);
			child.refresh();
			WebTestClient client = WebTestClient.bindToApplicationContext(child).build();
			client.get().uri("/child").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("child");
			client.get().uri("/plain").exchange().expectStatus().isNotFound();
		}
	}

	@EnableWebFlux
	@Import(ChildController.class)
	static class ChildConfiguration {

	}

	@RestController
	static class ChildController {

		@GetMapping("/child")
		Mono<String> child() {
			return Mono.just("child");
		}

	}

}
