package dev.upgraderequired.gateway.webmvc;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.core.RequirementText;

import org.springframework.cloud.gateway.server.mvc.common.Shortcut;
import org.springframework.cloud.gateway.server.mvc.filter.SimpleFilterSupplier;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What a route of Spring Cloud Gateway Server Web MVC requires: its arguments are one or more protocols ({@code TLS},
 * {@code HTTP_2}, {@code WEBSOCKET}), at most one minimum TLS version ({@code 1.2} or {@code 1.3}, with {@code TLS}),
 * and, to stage it, {@code report-only} or {@code enforce-from=} an ISO-8601 instant. The starter's early filter
 * decides a request with its route's requirement, before Spring Security and the proxying.
 * <ul>
 * <li>In configuration, the filter {@code RequireProtocol=TLS,1.3} of
 * {@code spring.cloud.gateway.server.webmvc.routes[n].filters}.</li>
 * <li>In the Java DSL, the route's attributes:
 * {@code route("orders").GET("/orders/**", http()).before(uri(...)).withAttributes(routeRequires("TLS", "1.3"))}.
 * A route's filters cannot be seen from outside: {@code .filter(requireProtocol("TLS"))} is enforced too, but by the
 * filter itself, after Spring Security, and says so once in the log.</li>
 * </ul>
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class RequireProtocolFilterFunctions {

	static final String NAME = "RequireProtocol";

	/**
	 * The route attribute that holds what a route of the Java DSL requires: its arguments.
	 */
	static final String ATTRIBUTE = RequireProtocolFilterFunctions.class.getName() + ".requires";

	private RequireProtocolFilterFunctions() {
	}

	/**
	 * Return the {@code RequireProtocol} filter of a configured route ({@code RequireProtocol=TLS,1.3}).
	 * @param requires the arguments
	 * @return the filter
	 * @throws InvalidRequirementException if the arguments are invalid
	 */
	@Shortcut(type = Shortcut.Type.LIST)
	public static HandlerFilterFunction<ServerResponse, ServerResponse> requireProtocol(String... requires) {
		return new RequireProtocolFilterFunction(RequirementText.routeFilter(List.of(requires), NAME + " filter"));
	}

	/**
	 * Return the attributes that declare what a route of the Java DSL requires, for its builder's
	 * {@code withAttributes}.
	 * @param requires the arguments, such as {@code "TLS", "1.3"}
	 * @return the attributes
	 * @throws InvalidRequirementException if the arguments are invalid
	 */
	public static Consumer<Map<String, Object>> routeRequires(String... requires) {
		List<String> arguments = List.of(requires);
		RequirementText.routeFilter(arguments, NAME + " route attribute");
		return (attributes) -> attributes.put(ATTRIBUTE, arguments);
	}

	/**
	 * Makes {@code RequireProtocol} known to the gateway's configured routes.
	 */
	public static class FilterSupplier extends SimpleFilterSupplier {

		/**
		 * Create the supplier.
		 */
		public FilterSupplier() {
			super(RequireProtocolFilterFunctions.class);
		}

	}

}
