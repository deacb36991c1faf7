package dev.upgraderequired.servlet;

import java.util.List;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lists the handlers of Spring MVC's handler mappings once every singleton is created, for the core's
 * {@link dev.upgraderequired.core.RequirementIndex}: request mappings with the patterns they parsed, their HTTP
 * methods and their mapping's order; URL mappings with their patterns; router functions and other mappings as what
 * cannot be listed. Resolves, and so validates, every handler's requirement: invalid annotations fail the start, and
 * no request ever pays for the annotation lookup.
 *
 * @author upgrade-required
 */
final class ServletHandlerInventory implements SmartInitializingSingleton {

	private static final boolean WEBSOCKET_PRESENT = ClassUtils.isPresent(
			UpgradeRequiredServletConfiguration.WEBSOCKET_HANDLER, ServletHandlerInventory.class.getClassLoader());

	private final UpgradePolicy policy;

	private final ServletMappedHandlerRequirements mappedRequirements;

	private final ObjectProvider<HandlerMapping> mappings;

	private final ObjectProvider<HandlerRequirementResolver> resolvers;

	private final ObjectProvider<DispatcherServletPath> servletPath;

	private final @Nullable ServletRoutes routes;

	ServletHandlerInventory(UpgradePolicy policy, ServletMappedHandlerRequirements mappedRequirements,
			ObjectProvider<HandlerMapping> mappings, ObjectProvider<HandlerRequirementResolver> resolvers,
			ObjectProvider<DispatcherServletPath> servletPath, @Nullable ServletRoutes routes) {
		this.policy = policy;
		this.mappedRequirements = mappedRequirements;
		this.mappings = mappings;
		this.resolvers = resolvers;
		this.servletPath = servletPath;
		this.routes = routes;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean applicationResolvers = this.resolvers.stream()
			.anyMatch((resolver) -> !(resolver instanceof WebSocketEndpointRequirementResolver));
		HandlerInventory handlers = new HandlerInventory();
		// Rules match the path within the application, which includes the path of the servlet.
		DispatcherServletPath path = this.servletPath.getIfUnique();
		if (path != null) {
			handlers.pathPrefix(path.getPrefix());
		}
		for (HandlerMapping mapping : this.mappings.orderedStream().toList()) {
			handlers.mapping(mapping instanceof RequestMappingInfoHandlerMapping);
			// A gateway's routes, among the router functions of the mapping.
			if (this.routes != null && this.routes.isRouteMapping(mapping)) {
				handlers.addRoutes();
			}
			if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
				methods.getHandlerMethods().forEach((info, method) -> {
					this.mappedRequirements.add(methods, info, this.policy.index().requirementOf(method));
					if (info.getPathPatternsCondition() != null) {
						handlers.addParsed(info.getPathPatternsCondition().getPatterns(),
								parserOf(methods), methodNames(info), method, method.toString());
					}
					else {
						handlers.add(info.getPatternValues(), methodNames(info), method, method.toString());
					}
				});
			}
			else if (mapping instanceof AbstractUrlHandlerMapping urls) {
				listUrlHandlers(handlers, urls);
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

	// With the patterns the mapping parsed, where it matches with PathPatterns; its root handler is for "/", its
	// default handler for any path none of its patterns matches.
	private static void listUrlHandlers(HandlerInventory handlers, AbstractUrlHandlerMapping urls) {
		PathPatternParser parser = urls.getPatternParser();
		if (parser != null) {
			urls.getPathPatternHandlerMap()
				.forEach((pattern, handler) -> handlers.addParsed(List.of(pattern), parser, List.of(), handler,
						describe(handler)));
		}
		else {
			urls.getHandlerMap().forEach((pattern, handler) -> addIfPresent(handlers, pattern, handler, null));
		}
		addIfPresent(handlers, "/", urls.getRootHandler(), parser);
		addIfPresent(handlers, "/**", urls.getDefaultHandler(), parser);
	}

	private static void addIfPresent(HandlerInventory handlers, String pattern, @Nullable Object handler,
			@Nullable PathPatternParser parser) {
		if (handler != null && parser != null) {
			handlers.addParsed(List.of(parser.parse(pattern)), parser, List.of(), handler, describe(handler));
		}
		else if (handler != null) {
			handlers.add(List.of(pattern), List.of(), handler, describe(handler));
		}
	}

	// The parser that parsed a request mapping's patterns; the copies made with it are checked to be equal to them.
	static PathPatternParser parserOf(RequestMappingInfoHandlerMapping mapping) {
		PathPatternParser parser = mapping.getPatternParser();
		return (parser != null) ? parser : PathPatternParser.defaultInstance;
	}

	private static List<String> methodNames(RequestMappingInfo info) {
		return info.getMethodsCondition().getMethods().stream().map(Enum::name).sorted().toList();
	}

	private static String describe(Object handler) {
		return WEBSOCKET_PRESENT ? WebSocketDescription.of(handler) : handler.getClass().getName();
	}

	// Loaded only where Spring WebSocket is present.
	private static final class WebSocketDescription {

		// A WebSocket endpoint is described by its own handler, not by the decorators and the HTTP handler around it.
		static String of(Object handler) {
			return (handler instanceof WebSocketHttpRequestHandler webSocket)
					? WebSocketHandlerDecorator.unwrap(webSocket.getWebSocketHandler()).getClass().getName()
					: handler.getClass().getName();
		}

	}

}
