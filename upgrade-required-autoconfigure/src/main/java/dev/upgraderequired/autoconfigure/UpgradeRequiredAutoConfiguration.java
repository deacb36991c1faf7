package dev.upgraderequired.autoconfigure;

import java.util.function.IntSupplier;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.core.UpgradePolicy;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private static final Log logger = LogFactory.getLog(UpgradeRequiredAutoConfiguration.class);

	@Bean
	UpgradePolicy upgradeRequiredPolicy(UpgradeRequiredProperties properties,
			ObjectProvider<HandlerRequirementResolver> resolvers, ObjectProvider<RefusalObserver> observers,
			ObjectProvider<LocalHttpsPort> localHttpsPort, ListableBeanFactory beanFactory) {
		UpgradePolicy.Builder builder = UpgradePolicy.builder()
			.problemTypeBase(properties.getProblem().validatedTypeBase());
		Integer httpsPort = properties.validatedHttpsPort();
		LocalHttpsPort local = localHttpsPort.getIfAvailable();
		IntSupplier port = (httpsPort != null) ? httpsPort::intValue : (local != null) ? local : () -> -1;
		builder.httpsPort(port);
		builder.httpsHost(properties.validatedHttpsHost());
		properties.addRules(builder);
		builder.browserRedirect(properties.getBrowserRedirect().isEnabled());
		UpgradeRequiredProperties.Hsts hsts = properties.getHsts();
		// Validated even while off, so that turning it on cannot fail a later start.
		long maxAge = hsts.validatedMaxAgeSeconds();
		if (hsts.isEnabled()) {
			if (SpringSecurity.isPresent(beanFactory)) {
				logger.warn(UpgradeRequiredProperties.PREFIX + ".hsts.enabled=true is ignored: Spring Security's "
						+ "filter chain is present, which writes Strict-Transport-Security by default (configure it "
						+ "there, with headers.httpStrictTransportSecurity(...) or headers.hsts(...))");
			}
			else {
				builder.strictTransportSecurity(maxAge, hsts.isIncludeSubDomains());
			}
		}
		resolvers.orderedStream().forEach(builder::resolver);
		observers.orderedStream().forEach(builder::observer);
		return builder.build();
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
