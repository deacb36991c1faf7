package dev.upgraderequired.gateway.webmvc;

import dev.upgraderequired.autoconfigure.UpgradeRequiredWebMvcAutoConfiguration;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.servlet.ServletRouteGuard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcPropertiesBeanDefinitionRegistrar.RouterFunctionHolder;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayDelegatingRouterFunction;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of upgrade-required for Spring Cloud Gateway Server Web MVC: every route marked with what it
 * requires, for the starter's early filter, which decides a request with the route the gateway matches it to. An
 * invalid {@code RequireProtocol} in {@code spring.cloud.gateway.server.webmvc.routes} fails the startup (or the
 * refresh), naming the property.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration(after = UpgradeRequiredWebMvcAutoConfiguration.class,
		afterName = "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration")
@ConditionalOnClass(GatewayDelegatingRouterFunction.class)
@ConditionalOnBean(ServletRouteGuard.class)
public final class UpgradeRequiredGatewayWebMvcAutoConfiguration {

	@Bean
	WebMvcRoutes upgradeRequiredWebMvcRoutes(UpgradePolicy policy) {
		return new WebMvcRoutes(policy.index());
	}

	@Bean
	static RouteMarking upgradeRequiredRouteMarking(ObjectProvider<WebMvcRoutes> routes, Environment environment) {
		return new RouteMarking(routes, environment);
	}

	// A refresh drops the configured routes; they are created again, and marked, at once rather than at the next
	// request, so that the early filter knows what they require before they serve one.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RefreshScopeRefreshedEvent.class)
	static class RefreshConfiguration {

		@Bean
		ApplicationListener<RefreshScopeRefreshedEvent> upgradeRequiredConfiguredRoutesRefresh(
				ObjectProvider<RouterFunctionHolder> holder) {
			return (event) -> holder.ifAvailable(RouterFunctionHolder::getRouterFunction);
		}

	}

}
