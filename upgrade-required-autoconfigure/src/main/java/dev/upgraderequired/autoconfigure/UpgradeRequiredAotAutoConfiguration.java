package dev.upgraderequired.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Keeps {@code upgrade-required.enabled} and the other switches of upgrade-required effective at run time in an
 * application built with AOT processing (see {@link AotConditions}). Not conditional on
 * {@code upgrade-required.enabled}, so that it also runs in an application built with the starter off, which it
 * records.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
public final class UpgradeRequiredAotAutoConfiguration {

	/**
	 * The name of the bean that exists only where {@code upgrade-required.enabled} is {@code false}.
	 */
	static final String DISABLED = Disabled.class.getName();

	/**
	 * The name of the bean that exists only where {@code upgrade-required.websocket.enabled} is {@code false} and the
	 * web stack supports WebSocket endpoints.
	 */
	static final String WEBSOCKET_DISABLED = WebSocketDisabled.class.getName();

	@Bean(AotConditions.BEAN_NAME)
	static AotConditions upgradeRequiredAotConditions(Environment environment) {
		return new AotConditions(environment);
	}

	// Markers: under AOT, their presence tells that the application was built with a switch off.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".enabled", havingValue = false)
	static class Disabled {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".websocket.enabled", havingValue = false)
	@Conditional(WebSocketSupport.class)
	static class WebSocketDisabled {

	}

	// Where the starter would require WebSocket handshakes: Spring WebSocket on Spring MVC, always on WebFlux.
	static class WebSocketSupport extends AnyNestedCondition {

		WebSocketSupport() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnWebApplication(type = Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.web.socket.server.support.WebSocketHttpRequestHandler")
		static class SpringMvcWithWebSocket {

		}

		@ConditionalOnWebApplication(type = Type.REACTIVE)
		static class WebFlux {

		}

	}

}
