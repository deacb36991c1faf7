package dev.upgraderequired.observability;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.UpgradeRequiredException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with a meter registry, springdoc-openapi and the actuator endpoint, whose annotated controller
 * serves on Spring MVC and on WebFlux alike.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ObservedApplication.Endpoints.class)
class ObservedApplication {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@RestController
	static class Endpoints {

		@GetMapping("/observed/plain")
		String plain() {
			return "plain";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/observed/secure")
		String secure() {
			return "secure";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/observed/items/{id}")
		String item(@PathVariable String id) {
			return id;
		}

		@GetMapping("/observed/thrown")
		String thrown() {
			throw new UpgradeRequiredException(Protocol.HTTP_2);
		}

		@GetMapping("/ruled/thing")
		String ruled() {
			return "ruled";
		}

	}

}
