package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.reactive.UpgradeRequiredReactiveConfiguration;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Auto-configuration of upgrade-required for Spring WebFlux on Reactor Netty, Tomcat or Jetty: a web filter that
 * refuses requests before Spring Security and the handler, and exception handling for
 * {@link dev.upgraderequired.UpgradeRequiredException} (see {@link UpgradeRequiredReactiveConfiguration}); on Tomcat and
 * Jetty, a servlet filter that answers 400 to a request target Spring cannot read as a URI (see
 * {@link dev.upgraderequired.server.UnreadableTargets}).
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatReactiveWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatReactiveWebServerFactory> upgradeRequiredTomcatUnreadableTargetGuard() {
			return (factory) -> factory.addContextCustomizers(UnreadableTargetGuard::addTo);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, ServletContextHandler.class, JettyReactiveWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<JettyReactiveWebServerFactory> upgradeRequiredJettyUnreadableTargetGuard() {
			return (factory) -> factory.addServerCustomizers(UnreadableTargetGuard::addTo);
		}

	}

}
