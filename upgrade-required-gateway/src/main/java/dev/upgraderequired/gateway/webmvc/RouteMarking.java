package dev.upgraderequired.gateway.webmvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.core.RequirementText;
import dev.upgraderequired.core.Route;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.config.FilterProperties;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcPropertiesBeanDefinitionRegistrar.RouterFunctionHolder;
import org.springframework.cloud.gateway.server.mvc.config.RouteProperties;
import org.springframework.cloud.gateway.server.mvc.common.NameUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Marks every route of the gateway as it is created (see {@link MarkedRoute}), with what it requires, and hands the
 * routes to {@link WebMvcRoutes}: a route of the Java DSL (a bean of one route) with what its attributes declare
 * ({@link RequireProtocolFilterFunctions#routeRequires}); the configured routes, whenever the gateway creates them
 * (at startup and on each configuration refresh), with their {@code RequireProtocol} filters, which are checked
 * first, naming the property. Routes combined in one bean of the Java DSL cannot be told apart: declaring a
 * requirement in their attributes fails the startup; without one, the log says that their {@code RequireProtocol}
 * filters are decided after Spring Security.
 *
 * @author upgrade-required
 */
final class RouteMarking implements InstantiationAwareBeanPostProcessor {

	private static final Log logger = LogFactory.getLog(RouteMarking.class);

	// The attribute under which the gateway keeps its configured routes by id.
	private static final String CONFIGURED_ROUTES = "gatewayRouterFunctions";

	private final ObjectProvider<WebMvcRoutes> routes;

	private final Environment environment;

	RouteMarking(ObjectProvider<WebMvcRoutes> routes, Environment environment) {
		this.routes = routes;
		this.environment = environment;
	}

	@Override
	public @Nullable Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) {
		if (RouterFunctionHolder.class.isAssignableFrom(beanClass)) {
			configured();
		}
		return null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		// The holder itself, not the proxy of its scope, which would lose the refresh.
		if (bean instanceof RouterFunctionHolder holder && !AopUtils.isAopProxy(bean)) {
			return mark(holder, beanName);
		}
		return (bean instanceof RouterFunction<?> function) ? mark(function, beanName) : bean;
	}

	// A bean of the Java DSL: marked if it holds one route; the configured routes (the gateway's bean that delegates
	// to the holder) are marked in the holder.
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private RouterFunction<?> mark(RouterFunction<?> function, String beanName) {
		Attributes attributes = new Attributes(function);
		List<String> ids = attributes.routeIds();
		if (ids.isEmpty() || attributes.configuredRoutes() != null) {
			return function;
		}
		if (ids.size() > 1) {
			if (!attributes.declared().isEmpty()) {
				throw new InvalidRequirementException("bean '" + beanName + "'",
						RequireProtocolFilterFunctions.NAME + " of the routes " + ids,
						"routeRequires(...) in the attributes of a RouterFunction bean of one route");
			}
			logger.warn("upgrade-required: the gateway routes " + ids + " of bean '" + beanName + "' are combined "
					+ "in one RouterFunction: a RequireProtocol filter of theirs is decided after Spring Security. "
					+ "Declare each route as a bean of its own");
			return function;
		}
		List<Route.Part> parts = new ArrayList<>();
		for (List<String> arguments : attributes.declared()) {
			parts.add(RequirementText.routeFilter(arguments, "route '" + ids.get(0) + "' of bean '" + beanName + "'"));
		}
		Route route = new Route(ids.get(0), "bean " + beanName, parts);
		this.routes.getObject().routes(beanName, List.of(route));
		return new MarkedRoute(function, route);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private RouterFunctionHolder mark(RouterFunctionHolder holder, String beanName) {
		Map<String, RouterFunction<?>> functions = new Attributes(holder.getRouterFunction()).configuredRoutes();
		if (functions == null) {
			this.routes.getObject().routes(beanName, List.of());
			return holder;
		}
		Map<String, Route> configured = configured();
		Map<String, RouterFunction<?>> marked = new LinkedHashMap<>();
		List<Route> routes = new ArrayList<>();
		RouterFunction composite = null;
		for (Map.Entry<String, RouterFunction<?>> function : functions.entrySet()) {
			Route route = configured.getOrDefault(function.getKey(), new Route(function.getKey(), "", List.of()));
			MarkedRoute<?> markedRoute = new MarkedRoute(function.getValue(), route);
			marked.put(function.getKey(), markedRoute);
			routes.add(route);
			composite = (composite != null) ? composite.andOther(markedRoute) : markedRoute;
		}
		this.routes.getObject().routes(beanName, routes);
		return new RouterFunctionHolder(composite.withAttribute(CONFIGURED_ROUTES, marked));
	}

	// The configured routes by id, with their RequireProtocol filters, checked as the gateway reads them now.
	private Map<String, Route> configured() {
		GatewayMvcProperties properties = Binder.get(this.environment)
			.bindOrCreate(GatewayMvcProperties.PREFIX, GatewayMvcProperties.class);
		Map<String, Route> configured = new LinkedHashMap<>();
		List<RouteProperties> list = properties.getRoutes();
		for (int i = 0; i < list.size(); i++) {
			add(configured, list.get(i), list.get(i).getId(), GatewayMvcProperties.PREFIX + ".routes[" + i + "]");
		}
		properties.getRoutesMap()
			.forEach((key, route) -> add(configured, route, StringUtils.hasText(route.getId()) ? route.getId() : key,
					GatewayMvcProperties.PREFIX + ".routes-map." + key));
		return configured;
	}

	private static void add(Map<String, Route> configured, RouteProperties route, @Nullable String id,
			String property) {
		List<Route.Part> parts = new ArrayList<>();
		List<FilterProperties> filters = route.getFilters();
		for (int j = 0; j < filters.size(); j++) {
			FilterProperties filter = filters.get(j);
			String source = property + ".filters[" + j + "]";
			// The gateway finds the filter by its name, uncapitalized.
			if (filter.getName() != null && StringUtils.uncapitalize(filter.getName())
				.equals(StringUtils.uncapitalize(RequireProtocolFilterFunctions.NAME))) {
				// Its one parameter, by name or in the shortcut form.
				filter.getArgs().keySet().forEach((key) -> {
					if (!key.startsWith(NameUtils.GENERATED_NAME_PREFIX) && !key.equals("requires")) {
						throw new InvalidRequirementException(source, key + "=" + filter.getArgs().get(key),
								"RequireProtocol=<arguments> or args.requires=<arguments>");
					}
				});
				parts.add(RequirementText.routeFilter(List.copyOf(filter.getArgs().values()), source));
			}
		}
		if (StringUtils.hasText(id)) {
			configured.put(id, new Route(id, String.valueOf(route.getUri()), parts));
		}
	}

	// What a visit of a router function tells: the ids of the gateway routes in it, the requirements declared in its
	// attributes, and the gateway's configured routes.
	private static final class Attributes implements RouterFunctions.Visitor {

		private final List<String> routeIds = new ArrayList<>();

		private final List<List<String>> declared = new ArrayList<>();

		private @Nullable Map<String, RouterFunction<?>> configuredRoutes;

		Attributes(RouterFunction<?> function) {
			function.accept(this);
		}

		List<String> routeIds() {
			return this.routeIds;
		}

		List<List<String>> declared() {
			return this.declared;
		}

		@Nullable Map<String, RouterFunction<?>> configuredRoutes() {
			return this.configuredRoutes;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void attributes(Map<String, Object> attributes) {
			if (attributes.get(MvcUtils.GATEWAY_ROUTE_ID_ATTR) instanceof String id && !this.routeIds.contains(id)) {
				this.routeIds.add(id);
			}
			if (attributes.get(RequireProtocolFilterFunctions.ATTRIBUTE) instanceof List<?> arguments) {
				this.declared.add((List<String>) arguments);
			}
			if (this.configuredRoutes == null && attributes.get(CONFIGURED_ROUTES) instanceof Map<?, ?> routes) {
				this.configuredRoutes = (Map<String, RouterFunction<?>>) routes;
			}
		}

		@Override
		public void startNested(RequestPredicate predicate) {
		}

		@Override
		public void endNested(RequestPredicate predicate) {
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
		}

		@Override
		public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
		}

	}

}
