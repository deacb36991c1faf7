package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.servlet.UpgradeRequiredServletConfiguration;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of upgrade-required for Spring MVC on Tomcat or Jetty: a servlet filter that refuses requests
 * before Spring Security and the {@code DispatcherServlet}, an interceptor on every handler mapping (including
 * WebSocket endpoints) for what no filter sees, and an exception resolver for
 * {@link dev.upgraderequired.UpgradeRequiredException} (see {@link UpgradeRequiredServletConfiguration}).
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class,
		afterName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".enabled", matchIfMissing = true)
@Import(UpgradeRequiredServletConfiguration.class)
public final class UpgradeRequiredWebMvcAutoConfiguration {

	// After the adapter has resolved every handler's requirement.
	@Bean
	SmartInitializingSingleton upgradeRequiredServletStartupWarnings(UnknownTlsVersionWarning unknownTlsVersion,
			UnsatisfiableRequirementsWarning unsatisfiable, UpgradePolicy policy, ApplicationContext context) {
		return () -> {
			unknownTlsVersion.warnIfUnenforceable(policy);
			unsatisfiable.warnIfUnsatisfiable(policy, context instanceof WebServerApplicationContext);
		};
	}

}
