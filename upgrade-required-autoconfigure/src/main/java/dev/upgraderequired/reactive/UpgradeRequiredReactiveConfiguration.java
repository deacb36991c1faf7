package dev.upgraderequired.reactive;

import java.util.List;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.core.HandlerInventory;
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
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
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
			ReactiveRefusalWriter writer, ApplicationContext context,
			@Value("${upgrade-required.filter-order:" + UpgradePolicy.DEFAULT_FILTER_ORDER + "}") int order) {
		return new UpgradeRequiredWebFilter(policy.decider(), view, writer, context, order);
	}

	// Resolves every handler's requirement at startup: invalid annotations fail the start, no request ever pays for
	// the annotation lookup, and the filter knows the paths of protected handlers. Where a handler's requirement
	// cannot be known before its request, the filter looks every request up: it is the only check there is.
	@Bean
	SmartInitializingSingleton upgradeRequiredReactiveHandlersInitializer(UpgradePolicy policy,
			ReactiveMappedHandlerRequirements mappedRequirements, ObjectProvider<HandlerMapping> mappings,
			ObjectProvider<HandlerRequirementResolver> resolvers) {
		return () -> {
			boolean applicationResolvers = resolvers.stream()
				.anyMatch((resolver) -> !(resolver instanceof ReactiveWebSocketRequirementResolver));
			HandlerInventory handlers = new HandlerInventory();
			for (HandlerMapping mapping : mappings.orderedStream().toList()) {
				handlers.mapping(mapping instanceof RequestMappingInfoHandlerMapping);
				if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
					methods.getHandlerMethods().forEach((info, method) -> {
						mappedRequirements.add(info, policy.index().requirementOf(method));
						List<String> methodNames = info.getMethodsCondition()
							.getMethods()
							.stream()
							.map(Enum::name)
							.sorted()
							.toList();
						handlers.addParsed(info.getPatternsCondition().getPatterns(), methodNames, method,
								method.toString());
					});
				}
				else if (mapping instanceof AbstractUrlHandlerMapping urls) {
					urls.getHandlerMap()
						.forEach((pattern, handler) -> handlers.addParsed(List.of(pattern), List.of(), handler,
								handler.getClass().getName()));
				}
				else if (mapping instanceof RouterFunctionMapping functions) {
					// Router functions cannot be listed: only an application's resolver can protect their handlers.
					if (functions.getRouterFunction() != null) {
						if (applicationResolvers) {
							handlers.addRouterFunctions();
						}
						else {
							handlers.addUnprotectedRouterFunctions();
						}
					}
				}
				else {
					handlers.addUnknownMapping(mapping);
				}
			}
			policy.index().index(handlers);
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
