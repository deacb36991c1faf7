package dev.upgraderequired.gateway.webflux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.upgraderequired.core.RequirementIndex;
import dev.upgraderequired.core.Route;
import dev.upgraderequired.reactive.ReactiveRoutes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.NameUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The routes of Spring Cloud Gateway (Server WebFlux), as the core decides on them: each route with what its
 * {@code RequireProtocol} filters require. Read again whenever the gateway has refreshed its routes (at startup,
 * and on every {@code RefreshRoutesEvent}, for routes from configuration, a repository or discovery alike), and
 * handed to the {@link RequirementIndex}, with the path patterns of its definition's {@code Path} predicate where it
 * has one (a route of the Java DSL has no definition: it may match any path). A route the gateway matched before this
 * class heard of it is read from the route itself.
 *
 * @author upgrade-required
 */
final class WebFluxRoutes implements ReactiveRoutes, ApplicationListener<RefreshRoutesResultEvent> {

	private static final Log logger = LogFactory.getLog(WebFluxRoutes.class);

	private static final String UNREAD = WebFluxRoutes.class.getName() + ".unread";

	private static final String PATH = "Path";

	private final RequirementIndex index;

	private final ObjectProvider<RouteLocator> routeLocator;

	private final ObjectProvider<RouteDefinitionLocator> routeDefinitions;

	// What the gateway puts before every Path predicate's patterns.
	private final String basePath;

	// By the gateway's route, which it keeps until the next refresh; by identity: a route's own hash code walks its
	// filters and predicates.
	private volatile Map<org.springframework.cloud.gateway.route.Route, Route> routes = new IdentityHashMap<>();

	WebFluxRoutes(RequirementIndex index, ObjectProvider<RouteLocator> routeLocator,
			ObjectProvider<RouteDefinitionLocator> routeDefinitions, @Nullable String basePath) {
		this.index = index;
		this.routeLocator = routeLocator;
		this.routeDefinitions = routeDefinitions;
		this.basePath = StringUtils.hasText(basePath) ? basePath : "";
	}

	@Override
	public boolean isRouteMapping(HandlerMapping mapping) {
		return mapping instanceof RoutePredicateHandlerMapping;
	}

	@Override
	public @Nullable Route routeOf(ServerWebExchange exchange) {
		org.springframework.cloud.gateway.route.Route matched = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (matched == null) {
			return null;
		}
		Route route = this.routes.get(matched);
		if (route != null) {
			return route;
		}
		// A route read for this exchange once, so that the early filter and the route's filter see the same.
		Unread unread = exchange.getAttribute(UNREAD);
		if (unread == null || unread.matched() != matched) {
			unread = new Unread(matched, route(matched, null));
			exchange.getAttributes().put(UNREAD, unread);
		}
		return unread.route();
	}

	@Override
	public void onApplicationEvent(RefreshRoutesResultEvent event) {
		RouteLocator locator = this.routeLocator.getIfAvailable();
		if (!event.isSuccess() || locator == null) {
			return;
		}
		RouteDefinitionLocator definitions = this.routeDefinitions.getIfAvailable();
		Mono<Map<String, List<String>>> paths = (definitions != null)
				? definitions.getRouteDefinitions().collectMap(RouteDefinition::getId, this::paths, HashMap::new)
				: Mono.just(Map.of());
		// The routes are cached by now, and the definitions of most locators at hand: this completes at once.
		Mono.zip(locator.getRoutes().collectList(), paths)
			.subscribe((read) -> update(read.getT1(), read.getT2()),
					(ex) -> logger.warn("upgrade-required: the gateway's routes could not be read; every request a "
							+ "route may serve is looked up", ex));
	}

	private synchronized void update(List<org.springframework.cloud.gateway.route.Route> matched,
			Map<String, List<String>> paths) {
		Map<org.springframework.cloud.gateway.route.Route, Route> routes = new IdentityHashMap<>(matched.size());
		List<Route> ordered = new ArrayList<>(matched.size());
		for (org.springframework.cloud.gateway.route.Route gatewayRoute : matched) {
			Route route = route(gatewayRoute, paths.get(gatewayRoute.getId()));
			routes.put(gatewayRoute, route);
			ordered.add(route);
		}
		this.routes = routes;
		this.index.routes(ordered);
	}

	// The path patterns of a route's definition, as its Path predicate matches the whole path (with the base path
	// before them); an empty list where it has none, or one this cannot read (the route may match any path then).
	private List<String> paths(RouteDefinition definition) {
		for (PredicateDefinition predicate : definition.getPredicates()) {
			if (!PATH.equals(predicate.getName())) {
				continue;
			}
			List<String> patterns = new ArrayList<>();
			for (Map.Entry<String, String> argument : predicate.getArgs().entrySet()) {
				String key = argument.getKey();
				if (key.equals("matchTrailingSlash") || key.equals("match-trailing-slash")) {
					continue;
				}
				if (!key.startsWith(NameUtils.GENERATED_NAME_PREFIX) && !key.startsWith("patterns")) {
					return List.of();
				}
				for (String value : StringUtils.commaDelimitedListToStringArray(argument.getValue())) {
					String pattern = value.trim();
					if (pattern.equals("true") || pattern.equals("false")) {
						continue;
					}
					if (!pattern.startsWith("/") || pattern.contains("#{")) {
						return List.of();
					}
					patterns.add(this.basePath + pattern);
				}
			}
			return patterns;
		}
		return List.of();
	}

	// A route the gateway matched before this class read it.
	private record Unread(org.springframework.cloud.gateway.route.Route matched, Route route) {
	}

	// What the route's RequireProtocol filters require, one part each, and the paths it may match, if known.
	private static Route route(org.springframework.cloud.gateway.route.Route route, @Nullable List<String> paths) {
		List<Route.Part> parts = new ArrayList<>(1);
		for (GatewayFilter filter : route.getFilters()) {
			while (filter instanceof OrderedGatewayFilter ordered) {
				filter = ordered.getDelegate();
			}
			if (filter instanceof RequireProtocolFilter requireProtocol) {
				parts.add(requireProtocol.part());
			}
		}
		return new Route(route.getId(), String.valueOf(route.getUri()), parts,
				(paths != null && !paths.isEmpty()) ? paths : null);
	}

}
