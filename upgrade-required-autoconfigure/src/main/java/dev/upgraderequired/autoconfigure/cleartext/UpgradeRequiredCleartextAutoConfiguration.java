package dev.upgraderequired.autoconfigure.cleartext;

import dev.upgraderequired.autoconfigure.UpgradeRequiredAutoConfiguration;
import dev.upgraderequired.autoconfigure.UpgradeRequiredProperties;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the cleartext listener of {@code upgrade-required.cleartext.port}: a plain HTTP/1.1 (and h2c)
 * listener beside the application's TLS one, on Tomcat, Jetty and Reactor Netty, for Spring MVC and WebFlux alike.
 * The port is validated before the server starts; once it has started, the bound port is in
 * {@code local.upgrade-required.cleartext.port}, and a server that opened no listener fails the startup.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass(WebServerFactoryCustomizer.class)
@ConditionalOnBooleanProperty(name = "upgrade-required.enabled", matchIfMissing = true)
@Conditional(UpgradeRequiredCleartextAutoConfiguration.CleartextPortSet.class)
public final class UpgradeRequiredCleartextAutoConfiguration {

	@Bean
	CleartextListenerCheck upgradeRequiredCleartextListenerCheck(UpgradeRequiredProperties properties) {
		return new CleartextListenerCheck(properties.getCleartext().getPort());
	}

	private static int port(UpgradeRequiredProperties properties, ObjectProvider<ServerProperties> serverProperties) {
		ServerProperties server = serverProperties.getIfAvailable();
		return CleartextPort.validated(properties.getCleartext().getPort(), (server != null) ? server.getPort() : null,
				server != null && Ssl.isEnabled(server.getSsl()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		TomcatCleartextConnector upgradeRequiredTomcatCleartextConnector(UpgradeRequiredProperties properties,
				ObjectProvider<ServerProperties> serverProperties, Environment environment) {
			return new TomcatCleartextConnector(port(properties, serverProperties), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		JettyCleartextConnector upgradeRequiredJettyCleartextConnector(UpgradeRequiredProperties properties,
				ObjectProvider<ServerProperties> serverProperties, Environment environment) {
			return new JettyCleartextConnector(port(properties, serverProperties), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
	static class NettyConfiguration {

		@Bean
		NettyCleartextServer upgradeRequiredNettyCleartextServer(UpgradeRequiredProperties properties,
				ObjectProvider<ServerProperties> serverProperties,
				ObjectProvider<ReactorResourceFactory> resourceFactory, ObjectProvider<NettyRouteProvider> routes,
				ObjectProvider<NettyServerCustomizer> serverCustomizers,
				ObjectProvider<WebServerFactoryCustomizer<?>> factoryCustomizers,
				ObjectProvider<HttpHandler> httpHandler) {
			return new NettyCleartextServer(port(properties, serverProperties), resourceFactory, routes,
					serverCustomizers, factoryCustomizers, httpHandler);
		}

	}

	/**
	 * Matches when the port is set to a value: an empty one, which a profile may use to switch a listener off, opens
	 * none.
	 */
	static final class CleartextPortSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(CleartextPort.PROPERTY));
		}

	}

}
