package dev.upgraderequired.servlet;

import java.util.List;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The Spring MVC adapter, imported by upgrade-required's auto-configuration: the early
 * {@link UpgradeRequiredFilter}, the {@link UpgradeRequiredInterceptor} every handler passes, and the exception
 * resolver, all over the core's {@link UpgradePolicy}. The request facts ({@link ServletContainerRequestFacts}) are
 * the one bean an application may replace, to support another servlet container.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class UpgradeRequiredServletConfiguration {

	private static final Log logger = LogFactory.getLog(UpgradeRequiredServletConfiguration.class);

	static final String WEBSOCKET_HANDLER = "org.springframework.web.socket.server.support.WebSocketHttpRequestHandler";

	// Chosen by the container the application runs in, embedded or not; a context that no server runs (MockMvc)
	// reads what Tomcat would. An unknown container fails the startup: its requests' facts would be guesses.
	@Bean
	@ConditionalOnMissingBean
	ServletContainerRequestFacts upgradeRequiredServletContainerRequestFacts(WebApplicationContext context) {
		return ServletContainers.requestFacts(context);
	}

	@Bean
	ServletMappedHandlerRequirements upgradeRequiredServletMappedHandlerRequirements() {
		return new ServletMappedHandlerRequirements();
	}

	@Bean
	ServletRequestView upgradeRequiredServletRequestView(ServletContainerRequestFacts facts,
			ServletMappedHandlerRequirements mappedRequirements,
			ObjectProvider<DispatcherServletRegistrationBean> registration,
			ObjectProvider<DispatcherServlet> dispatcherServlet) {
		return new ServletRequestView(facts, mappedRequirements, () -> target(registration, dispatcherServlet));
	}

	@Bean
	ServletRefusalWriter upgradeRequiredServletRefusalWriter() {
		return new ServletRefusalWriter();
	}

	// A MappedInterceptor bean reaches every handler mapping, WebSocket ones included; addInterceptors would not.
	@Bean
	MappedInterceptor upgradeRequiredMappedInterceptor(UpgradePolicy policy, ServletRequestView view,
			ServletRefusalWriter writer, WebApplicationContext context, ObjectProvider<ServletRoutes> routes) {
		return new MappedInterceptor(null, new UpgradeRequiredInterceptor(policy.decider(), policy.index(), view, writer,
				context, routes.getIfUnique()));
	}

	@Bean
	ServletRouteGuard upgradeRequiredServletRouteGuard(UpgradePolicy policy, ServletRequestView view,
			ServletRefusalWriter writer) {
		return new ServletRouteGuard(policy.decider(), view, writer);
	}

	@Bean
	UpgradeRequiredExceptionResolver upgradeRequiredExceptionResolver(UpgradePolicy policy, ServletRequestView view,
			ServletRefusalWriter writer) {
		return new UpgradeRequiredExceptionResolver(policy.decider(), view, writer);
	}

	// Resolves every handler's requirement at startup: invalid annotations fail the start, no request ever pays for
	// the annotation lookup, and the filter knows the paths of protected handlers.
	@Bean
	ServletHandlerInventory upgradeRequiredServletHandlerInventory(UpgradePolicy policy,
			ServletMappedHandlerRequirements mappedRequirements, ObjectProvider<HandlerMapping> mappings,
			ObjectProvider<HandlerRequirementResolver> resolvers, ObjectProvider<DispatcherServletPath> servletPath,
			ObjectProvider<ServletRoutes> routes) {
		return new ServletHandlerInventory(policy, mappedRequirements, mappings, resolvers, servletPath,
				routes.getIfUnique());
	}

	// Only where Spring MVC is set up (its handler mappings are beans): the filter looks handlers up in its servlet.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(HandlerMapping.class)
	static class FilterConfiguration {

		@Bean
		FilterRegistrationBean<UpgradeRequiredFilter> upgradeRequiredFilterRegistration(UpgradePolicy policy,
				ServletRequestView view, ServletRefusalWriter writer, ObjectProvider<ServletRoutes> routes) {
			UpgradeRequiredFilter filter = new UpgradeRequiredFilter(policy.decider(), view, writer,
					routes.getIfUnique());
			FilterRegistrationBean<UpgradeRequiredFilter> bean = new FilterRegistrationBean<>(filter);
			// Forwards, includes and error dispatches are the interceptor's: no filter sees them.
			bean.setDispatcherTypes(DispatcherType.REQUEST);
			bean.setOrder(policy.filterOrder());
			return bean;
		}

	}

	// The servlet's own handler mappings, once it is initialized (before the first request reaches a filter).
	private static UpgradeRequiredFilter.@Nullable Target target(
			ObjectProvider<DispatcherServletRegistrationBean> registration,
			ObjectProvider<DispatcherServlet> dispatcherServlet) {
		DispatcherServletRegistrationBean servletRegistration = registration.getIfUnique();
		DispatcherServlet servlet = dispatcherServlet.getIfUnique();
		ServletConfig config = (servlet != null) ? servlet.getServletConfig() : null;
		String servletName = (servletRegistration != null) ? servletRegistration.getServletName()
				: (config != null) ? config.getServletName() : null;
		if (servlet == null || servletName == null) {
			logger.warn("No single DispatcherServlet found: upgrade-required's servlet filter refuses by path "
					+ "rules only, and annotations are enforced by its handler interceptor, after the servlet "
					+ "filters (Spring Security's included)");
			return UpgradeRequiredFilter.Target.NONE;
		}
		List<HandlerMapping> handlerMappings = servlet.getHandlerMappings();
		if (handlerMappings == null) {
			return null;
		}
		return new UpgradeRequiredFilter.Target(servletName, servlet.getWebApplicationContext(), handlerMappings,
				handlerMappings.stream().anyMatch(HandlerMapping::usesPathPatterns));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebSocketHttpRequestHandler.class)
	@ConditionalOnBooleanProperty(name = "upgrade-required.websocket.enabled", matchIfMissing = true)
	static class WebSocketEndpointConfiguration {

		@Bean
		WebSocketEndpointRequirementResolver upgradeRequiredWebSocketEndpointRequirementResolver() {
			return new WebSocketEndpointRequirementResolver();
		}

	}

}
