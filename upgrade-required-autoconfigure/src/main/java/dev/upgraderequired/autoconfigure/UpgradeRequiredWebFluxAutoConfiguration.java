package dev.upgraderequired.autoconfigure;

import java.util.Objects;

import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.reactive.ReactiveMappedHandlerRequirements;
import dev.upgraderequired.reactive.ReactiveRequestFacts;
import dev.upgraderequired.reactive.ReactiveUpgradeResponseWriter;
import dev.upgraderequired.reactive.ReactiveWebSocketRequirementResolver;
import dev.upgraderequired.reactive.UpgradeRequiredControllerAdvice;
import dev.upgraderequired.reactive.UpgradeRequiredHandlerMapping;
import dev.upgraderequired.reactive.UpgradeRequiredWebExceptionHandler;
import dev.upgraderequired.reactive.UpgradeRequiredWebFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Auto-configuration of upgrade-required for Spring WebFlux on Reactor Netty, Tomcat or Jetty: a web filter that
 * refuses requests before handler selection, a handler mapping that hands the handler it found on to the
 * {@link DispatcherHandler}, and exception handling for {@link dev.upgraderequired.UpgradeRequiredException}.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class,
		afterName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ DispatcherHandler.class, ReactiveWebServerFactory.class })
@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class UpgradeRequiredWebFluxAutoConfiguration {

	// Chosen by the server the application runs on; an unknown server fails the startup: its requests' facts would
	// be guesses.
	@Bean
	@ConditionalOnMissingBean
	ReactiveRequestFacts upgradeRequiredReactiveRequestFacts(ApplicationContext context,
			ObjectProvider<ReactiveWebServerFactory> serverFactory) {
		return ReactiveServers.requestFacts(context, serverFactory.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveUpgradeResponseWriter upgradeRequiredReactiveResponseWriter(UpgradeResponder responder,
			ReactiveRequestFacts facts) {
		return new ReactiveUpgradeResponseWriter(responder, facts);
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveMappedHandlerRequirements upgradeRequiredReactiveMappedHandlerRequirements(
			EndpointRequirements requirements) {
		return new ReactiveMappedHandlerRequirements(requirements);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredHandlerMapping upgradeRequiredHandlerMapping(EndpointRequirements requirements,
			ReactiveMappedHandlerRequirements mappedRequirements, ReactiveRequestFacts facts,
			ReactiveUpgradeResponseWriter writer) {
		return new UpgradeRequiredHandlerMapping(requirements, mappedRequirements, facts, writer);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredWebFilter upgradeRequiredWebFilter(UpgradeRequiredHandlerMapping handlerMapping,
			UpgradeRequiredProperties properties) {
		int order = Objects.requireNonNullElse(properties.getFilterOrder(), UpgradeRequiredWebFilter.DEFAULT_ORDER);
		return new UpgradeRequiredWebFilter(handlerMapping, order);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredWebExceptionHandler upgradeRequiredWebExceptionHandler(ReactiveRequestFacts facts,
			ReactiveUpgradeResponseWriter writer) {
		return new UpgradeRequiredWebExceptionHandler(facts, writer);
	}

	@Bean
	@ConditionalOnMissingBean
	UpgradeRequiredControllerAdvice upgradeRequiredControllerAdvice(
			UpgradeRequiredWebExceptionHandler exceptionHandler) {
		return new UpgradeRequiredControllerAdvice(exceptionHandler);
	}

	// Resolves every handler method's requirement at startup: invalid annotations fail the start, and no request
	// ever pays for the annotation lookup.
	@Bean
	@ConditionalOnMissingBean(name = "upgradeRequiredReactiveHandlerMethodsInitializer")
	SmartInitializingSingleton upgradeRequiredReactiveHandlerMethodsInitializer(
			ReactiveMappedHandlerRequirements mappedRequirements,
			ObjectProvider<RequestMappingInfoHandlerMapping> mappings, EndpointRequirements requirements,
			UnknownTlsVersionWarning unknownTlsVersionWarning) {
		return () -> {
			mappings.orderedStream().forEach(mappedRequirements::register);
			unknownTlsVersionWarning.warnIfUnenforceable(requirements);
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebSocketHandler.class)
	@ConditionalOnBooleanProperty(name = UpgradeRequiredProperties.PREFIX + ".websocket.enabled",
			matchIfMissing = true)
	static class WebSocketEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveWebSocketRequirementResolver upgradeRequiredReactiveWebSocketRequirementResolver() {
			return new ReactiveWebSocketRequirementResolver();
		}

	}

}
