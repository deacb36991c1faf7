package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.reactive.UpgradeRequiredReactiveConfiguration;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Auto-configuration of upgrade-required for Spring WebFlux on Reactor Netty, Tomcat or Jetty: a web filter that
 * refuses requests before Spring Security and the handler, and exception handling for
 * {@link dev.upgraderequired.UpgradeRequiredException} (see {@link UpgradeRequiredReactiveConfiguration}).
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class,
		afterName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ DispatcherHandler.class, ReactiveWebServerFactory.class })
@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".enabled", matchIfMissing = true)
@Import(UpgradeRequiredReactiveConfiguration.class)
public final class UpgradeRequiredWebFluxAutoConfiguration {

	// After the adapter has resolved every handler's requirement.
	@Bean
	SmartInitializingSingleton upgradeRequiredReactiveStartupWarnings(UnknownTlsVersionWarning warning,
			UpgradePolicy policy) {
		return () -> warning.warnIfUnenforceable(policy);
	}

}
