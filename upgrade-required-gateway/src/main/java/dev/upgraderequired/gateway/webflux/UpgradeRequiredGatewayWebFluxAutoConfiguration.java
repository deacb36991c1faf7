package dev.upgraderequired.gateway.webflux;

import java.util.List;

import dev.upgraderequired.autoconfigure.UpgradeRequiredWebFluxAutoConfiguration;
import dev.upgraderequired.core.RequirementText;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.reactive.ReactiveRouteGuard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of upgrade-required for Spring Cloud Gateway (Server WebFlux): the {@code RequireProtocol}
 * route filter, and the gateway's routes for the starter's early filter, which decides a request with the route the
 * gateway matches it to. The routes of {@code spring.cloud.gateway.server.webflux.routes} are checked at startup:
 * an invalid {@code RequireProtocol} fails it, naming the property.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration(after = UpgradeRequiredWebFluxAutoConfiguration.class,
		afterName = "org.springframework.cloud.gateway.config.GatewayAutoConfiguration")
@ConditionalOnClass(RoutePredicateHandlerMapping.class)
@ConditionalOnBean({ ReactiveRouteGuard.class, RouteLocator.class })
public final class UpgradeRequiredGatewayWebFluxAutoConfiguration {

	@Bean
	WebFluxRoutes upgradeRequiredWebFluxRoutes(UpgradePolicy policy, ObjectProvider<RouteLocator> routeLocator,
			ObjectProvider<RouteDefinitionLocator> routeDefinitions, Environment environment) {
		return new WebFluxRoutes(policy.index(), routeLocator, routeDefinitions,
				environment.getProperty("spring.webflux.base-path"));
	}

	@Bean
	RequireProtocolGatewayFilterFactory requireProtocolGatewayFilterFactory(WebFluxRoutes routes,
			ReactiveRouteGuard guard) {
		return new RequireProtocolGatewayFilterFactory(routes, guard);
	}

	@Bean
	SmartInitializingSingleton upgradeRequiredGatewayRouteCheck(ObjectProvider<GatewayProperties> properties) {
		return () -> properties.ifAvailable((gateway) -> check(gateway.getRoutes()));
	}

	// Each RequireProtocol of the configured routes, as the gateway will gather its arguments.
	static void check(List<RouteDefinition> routes) {
		for (int i = 0; i < routes.size(); i++) {
			List<FilterDefinition> filters = routes.get(i).getFilters();
			for (int j = 0; j < filters.size(); j++) {
				if (RequireProtocolGatewayFilterFactory.NAME.equals(filters.get(j).getName())) {
					RequirementText.routeFilter(List.copyOf(filters.get(j).getArgs().values()),
							GatewayProperties.PREFIX + ".routes[" + i + "].filters[" + j + "]");
				}
			}
		}
	}

}
