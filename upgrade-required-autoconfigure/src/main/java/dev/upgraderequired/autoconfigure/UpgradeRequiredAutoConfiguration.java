package dev.upgraderequired.autoconfigure;

import java.time.Clock;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.core.UpgradePolicy;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the transport-free parts of upgrade-required, shared by the web stack adapters: the
 * {@link UpgradePolicy} that tells what each endpoint requires and how refusals are answered.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(UpgradeRequiredProperties.class)
public final class UpgradeRequiredAutoConfiguration {

	@Bean
	UpgradePolicy upgradeRequiredPolicy(UpgradeRequiredProperties properties,
			ObjectProvider<HandlerRequirementResolver> resolvers, ObjectProvider<RefusalObserver> observers,
			ObjectProvider<LocalHttpsPort> localHttpsPort, ObjectProvider<Clock> clock, ListableBeanFactory beanFactory) {
		return new UpgradePolicyFactory(properties).create(resolvers.orderedStream(), observers.orderedStream(),
				localHttpsPort.getIfAvailable(), SpringSecurity.isPresent(beanFactory),
				clock.getIfUnique(Clock::systemUTC));
	}

	// Before any bean binds its properties.
	@Bean
	static UnknownProperties upgradeRequiredUnknownProperties(Environment environment) {
		return new UnknownProperties(environment);
	}

	// Binds a minimum TLS version as written in configuration, such as 1.3.
	@Bean
	@ConfigurationPropertiesBinding
	static TlsVersionConverter upgradeRequiredTlsVersionConverter() {
		return new TlsVersionConverter();
	}

	// Binds a protocol as written in configuration, such as http-2.
	@Bean
	@ConfigurationPropertiesBinding
	static ProtocolConverter upgradeRequiredProtocolConverter() {
		return new ProtocolConverter();
	}

	@Bean
	UnknownTlsVersionWarning upgradeRequiredUnknownTlsVersionWarning(Environment environment) {
		return new UnknownTlsVersionWarning(environment);
	}

	@Bean
	UnsatisfiableRequirementsWarning upgradeRequiredUnsatisfiableRequirementsWarning(Environment environment,
			ObjectProvider<ServerProperties> serverProperties) {
		return new UnsatisfiableRequirementsWarning(environment, serverProperties.getIfAvailable(ServerProperties::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	static class LocalHttpsPortConfiguration {

		@Bean
		LocalHttpsPort upgradeRequiredLocalHttpsPort(ObjectProvider<ServerProperties> serverProperties) {
			return new LocalHttpsPort(serverProperties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyWebServerFactory.class })
	static class JettyConfiguration {

		// Added last, once every connector is there (the cleartext one included).
		@Bean
		WebServerFactoryCustomizer<JettyWebServerFactory> upgradeRequiredJettyHostlessTargetCheck() {
			return (factory) -> factory.addServerCustomizers(JettyHostlessTargetCheck.INSTANCE);
		}

	}

	// A servlet application without Spring MVC has no DispatcherServlet to enforce the rules through: refuse to start
	// rather than serve the paths they protect.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnMissingClass("org.springframework.web.servlet.DispatcherServlet")
	static class WithoutSpringMvcConfiguration {

		@Bean
		SmartInitializingSingleton upgradeRequiredUnenforceableRulesCheck(UpgradeRequiredProperties properties) {
			return () -> {
				if (!properties.getRules().isEmpty()) {
					throw new IllegalStateException(UpgradeRequiredProperties.PREFIX + ".rules are set, but this "
							+ "servlet application has no Spring MVC DispatcherServlet, through which upgrade-required "
							+ "enforces them. Add spring-boot-starter-webmvc, remove the rules, or set "
							+ UpgradeRequiredProperties.PREFIX + ".enabled=false.");
				}
			};
		}

	}

}
