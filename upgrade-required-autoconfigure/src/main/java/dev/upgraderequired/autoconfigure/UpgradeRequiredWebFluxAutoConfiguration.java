package dev.upgraderequired.autoconfigure;

import java.util.EnumSet;

import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.reactive.UpgradeRequiredReactiveConfiguration;
import dev.upgraderequired.server.UnreadableTargets;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
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
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.Assert;
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

	// Spring's WebFlux servlet on Tomcat and Jetty fails a request whose target is not a valid URI before any
	// WebFilter runs (Tomcat answers 500, Jetty never answers): a servlet filter in front of it answers 400.
	static final String GUARD_NAME = "upgradeRequiredUnreadableTargets";

	// After the adapter has resolved every handler's requirement.
	@Bean
	SmartInitializingSingleton upgradeRequiredReactiveStartupWarnings(UnknownTlsVersionWarning unknownTlsVersion,
			UnsatisfiableRequirementsWarning unsatisfiable, UpgradePolicy policy, ApplicationContext context) {
		return () -> {
			unknownTlsVersion.warnIfUnenforceable(policy);
			unsatisfiable.warnIfUnsatisfiable(policy, context instanceof WebServerApplicationContext);
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatReactiveWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatReactiveWebServerFactory> upgradeRequiredTomcatUnreadableTargetGuard() {
			return (factory) -> factory.addContextCustomizers(TomcatConfiguration::addGuard);
		}

		private static void addGuard(Context context) {
			FilterDef definition = new FilterDef();
			definition.setFilterName(GUARD_NAME);
			definition.setFilter(UnreadableTargets.filter());
			definition.setAsyncSupported("true");
			context.addFilterDef(definition);
			FilterMap mapping = new FilterMap();
			mapping.setFilterName(GUARD_NAME);
			mapping.addURLPattern("/*");
			mapping.setDispatcher(DispatcherType.REQUEST.name());
			context.addFilterMapBefore(mapping);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, ServletContextHandler.class, JettyReactiveWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<JettyReactiveWebServerFactory> upgradeRequiredJettyUnreadableTargetGuard() {
			return (factory) -> factory.addServerCustomizers(JettyConfiguration::addGuard);
		}

		private static void addGuard(Server server) {
			ServletContextHandler handler = server.getDescendant(ServletContextHandler.class);
			Assert.state(handler != null, "No servlet context for WebFlux on Jetty: nowhere to guard against "
					+ "request targets that Spring cannot read");
			FilterHolder holder = new FilterHolder(UnreadableTargets.filter());
			holder.setName(GUARD_NAME);
			holder.setAsyncSupported(true);
			handler.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
		}

	}

}
