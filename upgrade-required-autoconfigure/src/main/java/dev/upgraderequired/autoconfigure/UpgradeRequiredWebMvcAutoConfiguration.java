package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.servlet.MappedHandlerRequirements;
import dev.upgraderequired.servlet.ServletUpgradeResponseWriter;
import dev.upgraderequired.servlet.UpgradeRequiredExceptionResolver;
import dev.upgraderequired.servlet.UpgradeRequiredInterceptor;
import dev.upgraderequired.servlet.WebSocketEndpointRequirementResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Auto-configuration of upgrade-required for Spring MVC: an interceptor on every handler mapping (including
 * WebSocket endpoints) and an exception resolver for {@link dev.upgraderequired.UpgradeRequiredException}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class,
		afterName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class UpgradeRequiredWebMvcAutoConfiguration {

	/**
	 * Name of the {@link MappedInterceptor} that registers the interceptor with every handler mapping.
	 */
	public static final String MAPPED_INTERCEPTOR_BEAN_NAME = "upgradeRequiredMappedInterceptor";

	@Bean
	@ConditionalOnMissingBean
	ServletUpgradeResponseWriter servletUpgradeResponseWriter(UpgradeResponder responder) {
		return new ServletUpgradeResponseWriter(responder);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredInterceptor upgradeRequiredInterceptor(EndpointRequirements requirements,
			ServletUpgradeResponseWriter writer) {
		return new UpgradeRequiredInterceptor(requirements, writer);
	}

	// A MappedInterceptor bean reaches every handler mapping, WebSocket ones included; addInterceptors would not.
	@Bean(MAPPED_INTERCEPTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = MAPPED_INTERCEPTOR_BEAN_NAME)
	MappedInterceptor upgradeRequiredMappedInterceptor(UpgradeRequiredInterceptor interceptor) {
		return new MappedInterceptor(null, interceptor);
	}

	@Bean
	@ConditionalOnMissingBean
	MappedHandlerRequirements upgradeRequiredMappedHandlerRequirements(EndpointRequirements requirements) {
		return new MappedHandlerRequirements(requirements);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredExceptionResolver upgradeRequiredExceptionResolver(ServletUpgradeResponseWriter writer,
			MappedHandlerRequirements mappedRequirements, EndpointRequirements requirements) {
		return new UpgradeRequiredExceptionResolver(writer, mappedRequirements, requirements);
	}

	// Resolves every handler method's requirement at startup: invalid annotations fail the start, and no request
	// ever pays for the annotation lookup.
	@Bean
	@ConditionalOnMissingBean(name = "upgradeRequiredHandlerMethodsInitializer")
	SmartInitializingSingleton upgradeRequiredHandlerMethodsInitializer(MappedHandlerRequirements mappedRequirements,
			ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
		return () -> mappings.orderedStream().forEach(mappedRequirements::register);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebSocketHttpRequestHandler.class)
	@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".websocket.enabled",
			matchIfMissing = true)
	static class WebSocketEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebSocketEndpointRequirementResolver webSocketEndpointRequirementResolver() {
			return new WebSocketEndpointRequirementResolver();
		}

	}

}
