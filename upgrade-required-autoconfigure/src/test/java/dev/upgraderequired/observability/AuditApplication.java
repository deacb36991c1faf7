package dev.upgraderequired.observability;

import dev.upgraderequired.RefusalObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application's configuration with a meter registry and an observer of refusals of its own, outside the
 * starter's packages.
 */
@Configuration(proxyBeanMethods = false)
public class AuditApplication {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	// Of one of the starter's types and named like its beans, but the application's.
	@Bean
	RefusalObserver upgradeRequiredAuditObserver() {
		return (reason, source, pattern) -> {
		};
	}

}
