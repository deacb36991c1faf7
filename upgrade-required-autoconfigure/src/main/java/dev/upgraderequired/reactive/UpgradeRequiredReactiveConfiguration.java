package dev.upgraderequired.reactive;


import dev.upgraderequired.core.HandlerRequirementResolver;
import dev.upgraderequired.core.UpgradePolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The WebFlux adapter, imported by upgrade-required's auto-configuration: the early {@link UpgradeRequiredWebFilter}
 * and the exception handling, over the core's {@link UpgradePolicy}. The request facts ({@link ReactiveRequestFacts})
 * are the one bean an application may replace, to support another server.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class UpgradeRequiredReactiveConfiguration {

	/**
	 * Default order of the filter: before Spring Security's {@code WebFilterChainProxy} (-100).
	 */
	public static final int DEFAULT_FILTER_ORDER = -101;

	// Chosen by the server the application runs on; an unknown server fails the startup: its requests' facts would
	// be guesses.
	@Bean
	@ConditionalOnMissingBean
	ReactiveRequestFacts upgradeRequiredReactiveRequestFacts(ApplicationContext context,
			ObjectProvider<ReactiveWebServerFactory> serverFactory) {
		return ReactiveServers.requestFacts(context, serverFactory.getIfAvailable());
	}

	@Bean
	ReactiveRefusalWriter upgradeRequiredReactiveRefusalWriter(UpgradePolicy policy, ReactiveRequestFacts facts) {
		return new ReactiveRefusalWriter(policy, facts);
	}

	@Bean
	ReactiveMappedHandlerRequirements upgradeRequiredReactiveMappedHandlerRequirements() {
		return new ReactiveMappedHandlerRequirements();
	}

	@Bean
	UpgradeRequiredWebExceptionHandler upgradeRequiredWebExceptionHandler(ReactiveRefusalWriter writer,
			ReactiveMappedHandlerRequirements mappedRequirements) {
		return new UpgradeRequiredWebExceptionHandler(writer, mappedRequirements);
	}

	@Bean
	UpgradeRequiredControllerAdvice upgradeRequiredControllerAdvice(UpgradeRequiredWebExceptionHandler handler) {
		return new UpgradeRequiredControllerAdvice(handler);
	}

	@Bean
	UpgradeRequiredWebFilter upgradeRequiredWebFilter(ReactiveRefusalWriter writer,
			UpgradeRequiredWebExceptionHandler exceptionHandler, ApplicationContext context,
			@Value("${upgrade-required.filter-order:" + DEFAULT_FILTER_ORDER + "}") int order) {
		return new UpgradeRequiredWebFilter(writer, exceptionHandler, context, order);
	}

	// Resolves every handler's requirement at startup: invalid annotations fail the start, no request ever pays for
	// the annotation lookup, and the filter knows the paths of protected handlers.
	@Bean
	SmartInitializingSingleton upgradeRequiredReactiveHandlersInitializer(UpgradePolicy policy,
			ReactiveMappedHandlerRequirements mappedRequirements, ObjectProvider<HandlerMapping> mappings,
			ObjectProvider<HandlerRequirementResolver> resolvers) {
		return () -> {
			MultiValueMap<String, Object> handlersByPattern = new LinkedMultiValueMap<>();
			mappings.orderedStream().forEach((mapping) -> {
				if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
					methods.getHandlerMethods().forEach((info, method) -> {
						mappedRequirements.add(info, policy.requirementOf(method));
						for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
							handlersByPattern.add(pattern.getPatternString(), method);
						}
					});
				}
				else if (mapping instanceof AbstractUrlHandlerMapping urls) {
					urls.getHandlerMap().forEach((pattern, handler) -> {
						if (!(handler instanceof String)) {
							handlersByPattern.add(pattern.getPatternString(), handler);
						}
					});
				}
			});
			policy.protectHandlers(handlersByPattern);
			// A resolver of the application's may protect handlers that no mapping lists, such as router functions:
			// without an interceptor behind the filter, as Spring MVC has, every request is then looked up.
			if (resolvers.stream().anyMatch((resolver) -> !(resolver instanceof ReactiveWebSocketRequirementResolver))) {
				policy.protectEveryPath();
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebSocketHandler.class)
	@ConditionalOnBooleanProperty(name = "upgrade-required.websocket.enabled", matchIfMissing = true)
	static class WebSocketEndpointConfiguration {

		@Bean
		ReactiveWebSocketRequirementResolver upgradeRequiredReactiveWebSocketRequirementResolver() {
			return new ReactiveWebSocketRequirementResolver();
		}

	}

}
