package dev.upgraderequired.reactive;

import java.util.List;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

/**
 * Lists the handlers of WebFlux's handler mappings once every singleton is created, for the core's
 * {@link dev.upgraderequired.core.RequirementIndex}: request mappings with their patterns, their HTTP methods and their
 * mapping's order; URL mappings with their patterns; a gateway's routes (see {@link ReactiveRoutes}), which may serve
 * any path; router functions and other mappings as what cannot be listed.
 * Resolves, and so validates, every handler's requirement: invalid annotations fail the start, and no request ever
 * pays for the annotation lookup. Where a handler's requirement cannot be known before its request, the filter looks
 * every request up: it is the only check there is.
 *
 * @author upgrade-required
 */
final class ReactiveHandlerInventory implements SmartInitializingSingleton {

	private final UpgradePolicy policy;

	private final ReactiveMappedHandlerRequirements mappedRequirements;

	private final ObjectProvider<HandlerMapping> mappings;

	private final ObjectProvider<HandlerRequirementResolver> resolvers;

	private final @Nullable ReactiveRoutes routes;

	ReactiveHandlerInventory(UpgradePolicy policy, ReactiveMappedHandlerRequirements mappedRequirements,
			ObjectProvider<HandlerMapping> mappings, ObjectProvider<HandlerRequirementResolver> resolvers,
			@Nullable ReactiveRoutes routes) {
		this.policy = policy;
		this.mappedRequirements = mappedRequirements;
		this.mappings = mappings;
		this.resolvers = resolvers;
		this.routes = routes;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean applicationResolvers = this.resolvers.stream()
			.anyMatch((resolver) -> !(resolver instanceof ReactiveWebSocketRequirementResolver));
		HandlerInventory handlers = new HandlerInventory();
		for (HandlerMapping mapping : this.mappings.orderedStream().toList()) {
			handlers.mapping(mapping instanceof RequestMappingInfoHandlerMapping);
			if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
				methods.getHandlerMethods().forEach((info, method) -> {
					this.mappedRequirements.add(methods, info, this.policy.index().requirementOf(method));
					List<String> methodNames = info.getMethodsCondition()
						.getMethods()
						.stream()
						.map(Enum::name)
						.sorted()
						.toList();
					handlers.addParsed(info.getPatternsCondition().getPatterns(), methods.getPathPatternParser(),
							methodNames, method, method.toString());
				});
			}
			else if (mapping instanceof AbstractUrlHandlerMapping urls) {
				urls.getHandlerMap()
					.forEach((pattern, handler) -> handlers.addParsed(List.of(pattern), urls.getPathPatternParser(),
							List.of(), handler, handler.getClass().getName()));
			}
			else if (this.routes != null && this.routes.isRouteMapping(mapping)) {
				handlers.addRoutes();
			}
			else if (mapping instanceof RouterFunctionMapping functions) {
				// Router functions cannot be listed: only an application's resolver can protect their handlers.
				if (functions.getRouterFunction() != null) {
					handlers.addRouterFunctions(applicationResolvers);
				}
			}
			else {
				handlers.addUnknownMapping(mapping);
			}
		}
		this.policy.index().index(handlers);
	}

}
