package dev.upgraderequired.autoconfigure;

import java.util.Objects;

import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.servlet.MappedHandlerRequirements;
import dev.upgraderequired.servlet.ServletUpgradeResponseWriter;
import dev.upgraderequired.servlet.UpgradeRequiredExceptionResolver;
import dev.upgraderequired.servlet.UpgradeRequiredFilter;
import dev.upgraderequired.servlet.UpgradeRequiredInterceptor;
import dev.upgraderequired.servlet.WebSocketEndpointRequirementResolver;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Auto-configuration of upgrade-required for Spring MVC: a servlet filter that refuses requests before the
 * {@code DispatcherServlet} runs, an interceptor on every handler mapping (including WebSocket endpoints) for what
 * the filter leaves to it, and an exception resolver for {@link dev.upgraderequired.UpgradeRequiredException}.
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

	/**
	 * Name of the {@link FilterRegistrationBean} of the {@link UpgradeRequiredFilter}.
	 */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "upgradeRequiredFilterRegistration";

	// Chosen by the container the application runs in, embedded or not; a context that no server runs (MockMvc)
	// reads what Tomcat would. An unknown container fails the startup: its requests' facts would be guesses.
	@Bean
	@ConditionalOnMissingBean
	ServletContainerRequestFacts upgradeRequiredServletContainerRequestFacts(WebApplicationContext context) {
		return ServletContainers.requestFacts(context);
	}

	@Bean
	@ConditionalOnMissingBean
	ServletUpgradeResponseWriter servletUpgradeResponseWriter(UpgradeResponder responder,
			ServletContainerRequestFacts facts) {
		return new ServletUpgradeResponseWriter(responder, facts);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredInterceptor upgradeRequiredInterceptor(EndpointRequirements requirements,
			ServletUpgradeResponseWriter writer, ServletContainerRequestFacts facts) {
		return new UpgradeRequiredInterceptor(requirements, writer, facts);
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
			MappedHandlerRequirements mappedRequirements, EndpointRequirements requirements,
			ServletContainerRequestFacts facts) {
		return new UpgradeRequiredExceptionResolver(writer, mappedRequirements, requirements, facts);
	}

	// Resolves every handler method's requirement at startup: invalid annotations fail the start, and no request
	// ever pays for the annotation lookup.
	@Bean
	@ConditionalOnMissingBean(name = "upgradeRequiredHandlerMethodsInitializer")
	SmartInitializingSingleton upgradeRequiredHandlerMethodsInitializer(MappedHandlerRequirements mappedRequirements,
			ObjectProvider<RequestMappingInfoHandlerMapping> mappings, EndpointRequirements requirements,
			UnknownTlsVersionWarning unknownTlsVersionWarning) {
		return () -> {
			mappings.orderedStream().forEach(mappedRequirements::register);
			unknownTlsVersionWarning.warnIfUnenforceable(requirements);
		};
	}

	// Only with handler mappings declared as beans: the servlet would not fall back to its default ones beside the
	// handover mapping, and there would be nothing to look up.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(HandlerMapping.class)
	static class ServletFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UpgradeRequiredFilter upgradeRequiredFilter(EndpointRequirements requirements,
				UpgradeRequiredExceptionResolver exceptionResolver, ServletUpgradeResponseWriter writer,
				ServletContainerRequestFacts facts, ObjectProvider<DispatcherServlet> dispatcherServlet,
				UpgradeRequiredProperties properties) {
			int order = Objects.requireNonNullElse(properties.getFilterOrder(), UpgradeRequiredFilter.DEFAULT_ORDER);
			return new UpgradeRequiredFilter(requirements, exceptionResolver, writer, facts,
					dispatcherServlet::getIfUnique, order);
		}

		// Registered for REQUEST dispatches only: forwards, error and async dispatches are the interceptor's.
		@Bean(FILTER_REGISTRATION_BEAN_NAME)
		@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<UpgradeRequiredFilter> upgradeRequiredFilterRegistration(UpgradeRequiredFilter filter) {
			FilterRegistrationBean<UpgradeRequiredFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			registration.setOrder(filter.getOrder());
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "upgradeRequiredFilterInitializer")
		SmartInitializingSingleton upgradeRequiredFilterInitializer(UpgradeRequiredFilter filter,
				ObjectProvider<HandlerMapping> mappings) {
			return () -> filter.registerProtectedHandlers(mappings.orderedStream().toList());
		}

		// The servlet detects every HandlerMapping bean; this one hands it the handlers the filter looked up.
		@Bean
		@ConditionalOnMissingBean(name = "upgradeRequiredHandlerHandover")
		HandlerMapping upgradeRequiredHandlerHandover(UpgradeRequiredFilter filter) {
			return filter.handlerMapping();
		}

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
