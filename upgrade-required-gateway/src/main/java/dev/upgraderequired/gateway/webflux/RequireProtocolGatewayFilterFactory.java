package dev.upgraderequired.gateway.webflux;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.core.RequirementText;
import dev.upgraderequired.reactive.ReactiveRouteGuard;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ShortcutConfigurable;

/**
 * The {@code RequireProtocol} route filter: the protocol a route's requests must arrive on, such as
 * {@code RequireProtocol=TLS}, {@code RequireProtocol=TLS,1.3} or {@code RequireProtocol=HTTP_2}. Its arguments are
 * one or more protocols ({@code TLS}, {@code HTTP_2}, {@code WEBSOCKET}), at most one minimum TLS version ({@code 1.2}
 * or {@code 1.3}, with {@code TLS}), and, to stage it, {@code report-only} or {@code enforce-from=} an ISO-8601
 * instant, as {@code @RequiresProtocol} has them; without either it is enforced as
 * {@code upgrade-required.report-only} and {@code upgrade-required.enforce-from} say. In the full form
 * ({@code name} and {@code args}), every argument counts whatever its name, as the gateway gathers them.
 * <p>
 * A request that does not meet the requirement is refused by the starter's early filter, before Spring Security and
 * the gateway's handler, with the same 426 as any other requirement; the filter itself only decides what the early
 * filter could not (see {@link ReactiveRouteGuard}). From the Java DSL:
 * {@code f.filter(requireProtocol.apply((config) -> config.setRequires(List.of("TLS", "1.3"))))}.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public class RequireProtocolGatewayFilterFactory
		extends AbstractGatewayFilterFactory<RequireProtocolGatewayFilterFactory.Config> {

	static final String NAME = "RequireProtocol";

	private final WebFluxRoutes routes;

	private final ReactiveRouteGuard guard;

	RequireProtocolGatewayFilterFactory(WebFluxRoutes routes, ReactiveRouteGuard guard) {
		super(Config.class);
		this.routes = routes;
		this.guard = guard;
	}

	@Override
	public ShortcutConfigurable.ShortcutType shortcutType() {
		return ShortcutConfigurable.ShortcutType.GATHER_LIST;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("requires");
	}

	/**
	 * Create the filter.
	 * @param config what it requires
	 * @return the filter
	 * @throws InvalidRequirementException if the requirement is invalid
	 */
	@Override
	public GatewayFilter apply(Config config) {
		return new RequireProtocolFilter(RequirementText.routeFilter(config.getRequires(), NAME + " filter"),
				this.routes, this.guard);
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * What a {@code RequireProtocol} filter requires.
	 */
	public static class Config {

		private List<String> requires = new ArrayList<>();

		/**
		 * Return the filter's arguments.
		 * @return the arguments, such as {@code [TLS, 1.3]}
		 */
		public List<String> getRequires() {
			return this.requires;
		}

		/**
		 * Set the filter's arguments: protocols ({@code TLS}, {@code HTTP_2}, {@code WEBSOCKET}), at most one
		 * minimum TLS version ({@code 1.2}, {@code 1.3}) with {@code TLS}, and {@code report-only} or
		 * {@code enforce-from=} an ISO-8601 instant.
		 * @param requires the arguments
		 */
		public void setRequires(List<String> requires) {
			this.requires = requires;
		}

	}

}
