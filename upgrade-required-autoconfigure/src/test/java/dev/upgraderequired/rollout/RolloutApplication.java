package dev.upgraderequired.rollout;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose endpoints roll their requirements out in different ways, on Spring MVC and on WebFlux alike.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RolloutApplication.Endpoints.class)
class RolloutApplication {

	static final String STAGED = "2099-01-01T00:00:00Z";

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@RestController
	static class Endpoints {

		// Two handlers of one path, told apart by what they produce: one staged, one enforced.
		@RequiresProtocol(value = Protocol.TLS, enforceFrom = STAGED)
		@GetMapping(path = "/report", produces = "text/csv")
		String csv() {
			return "csv";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping(path = "/report", produces = "application/json")
		String json() {
			return "{}";
		}

		@RequiresProtocol(value = Protocol.TLS, reportOnly = true)
		@GetMapping("/quiet")
		String quiet() {
			return "quiet";
		}

		@RequiresProtocol(value = Protocol.TLS, enforceFrom = STAGED)
		@GetMapping("/linked")
		String linked() {
			return "linked";
		}

		// A handler's own Link header is the one the response has.
		@RequiresProtocol(value = Protocol.TLS, enforceFrom = STAGED)
		@GetMapping("/own-link")
		ResponseEntity<String> ownLink() {
			return ResponseEntity.ok().header("Link", "</style.css>; rel=preload").body("own");
		}

		// Report-only TLS 1.3 here, and a staged rule (TLS) over the path: the announcement names the rule's upgrade.
		@RequiresProtocol(value = Protocol.TLS, minTlsVersion = TlsVersion.TLS_1_3, reportOnly = true)
		@GetMapping("/mixed")
		String mixed() {
			return "mixed";
		}

	}

}
