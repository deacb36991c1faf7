package dev.upgraderequired.reactive;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.core.UpgradePolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

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

	// Chosen by the server the application runs on; an unknown server fails the startup: its requests' facts would
	// be guesses.
	@Bean
	@ConditionalOnMissingBean
	ReactiveRequestFacts upgradeRequiredReactiveRequestFacts(ApplicationContext context,
			ObjectProvider<ReactiveWebServerFactory> serverFactory) {
		return ReactiveServers.requestFacts(context, serverFactory.getIfAvailable());
	}

	@Bean
	ReactiveMappedHandlerRequirements upgradeRequiredReactiveMappedHandlerRequirements() {
		return new ReactiveMappedHandlerRequirements();
	}

	@Bean
	ReactiveRequestView upgradeRequiredReactiveRequestView(ReactiveRequestFacts facts,
			ReactiveMappedHandlerRequirements mappedRequirements) {
		return new ReactiveRequestView(facts, mappedRequirements);
	}

	@Bean
	ReactiveRefusalWriter upgradeRequiredReactiveRefusalWriter(ReactiveRequestFacts facts) {
		return new ReactiveRefusalWriter(facts);
	}

	@Bean
	UpgradeRequiredWebExceptionHandler upgradeRequiredWebExceptionHandler(UpgradePolicy policy,
			ReactiveRequestView view, ReactiveRefusalWriter writer) {
		return new UpgradeRequiredWebExceptionHandler(policy.decider(), view, writer);
	}

	@Bean
	UpgradeRequiredControllerAdvice upgradeRequiredControllerAdvice(UpgradeRequiredWebExceptionHandler handler) {
		return new UpgradeRequiredControllerAdvice(handler);
	}

	@Bean
	UpgradeRequiredWebFilter upgradeRequiredWebFilter(UpgradePolicy policy, ReactiveRequestView view,
			ReactiveRefusalWriter writer, ApplicationContext context, ObjectProvider<ReactiveRoutes> routes) {
		return new UpgradeRequiredWebFilter(policy.decider(), view, writer, context, routes.getIfUnique(),
				policy.filterOrder());
	}

	@Bean
	ReactiveRouteGuard upgradeRequiredReactiveRouteGuard(UpgradePolicy policy, ReactiveRequestView view,
			ReactiveRefusalWriter writer) {
		return new ReactiveRouteGuard(policy.decider(), view, writer);
	}

	// Resolves every handler's requirement at startup: invalid annotations fail the start, no request ever pays for
	// the annotation lookup, and the filter knows the paths of protected handlers.
	@Bean
	ReactiveHandlerInventory upgradeRequiredReactiveHandlerInventory(UpgradePolicy policy,
			ReactiveMappedHandlerRequirements mappedRequirements, ObjectProvider<HandlerMapping> mappings,
			ObjectProvider<HandlerRequirementResolver> resolvers, ObjectProvider<ReactiveRoutes> routes) {
		return new ReactiveHandlerInventory(policy, mappedRequirements, mappings, resolvers, routes.getIfUnique());
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
