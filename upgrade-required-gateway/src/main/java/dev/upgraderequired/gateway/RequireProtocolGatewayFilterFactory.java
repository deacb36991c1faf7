package dev.upgraderequired.gateway;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.RequirementText;
import dev.upgraderequired.core.Route;
import dev.upgraderequired.reactive.ReactiveRouteGuard;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ShortcutConfigurable;
import org.springframework.util.StringUtils;

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

	private static final String REPORT_ONLY = "report-only";

	private static final String ENFORCE_FROM = "enforce-from=";

	private static final String ARGUMENTS = "one or more protocols (tls, http-2, websocket), at most one minimum TLS "
			+ "version (1.2 or 1.3, with tls), and report-only or enforce-from=<ISO-8601 instant>, such as TLS,1.3 "
			+ "or TLS,enforce-from=2027-03-01T00:00:00Z";

	private final GatewayRoutes routes;

	private final ReactiveRouteGuard guard;

	RequireProtocolGatewayFilterFactory(GatewayRoutes routes, ReactiveRouteGuard guard) {
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
		return new RequireProtocolFilter(part(config.getRequires(), NAME + " filter"), this.routes, this.guard);
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * Read what a filter's arguments require, and when.
	 * @param arguments the arguments, each of which may hold several separated by commas
	 * @param source where they are written, for the failure message
	 * @return the requirement and its rollout
	 * @throws InvalidRequirementException if they are invalid
	 */
	static Route.Part part(List<String> arguments, String source) {
		List<String> protocols = new ArrayList<>();
		boolean reportOnly = false;
		String enforceFrom = null;
		for (String argument : arguments) {
			for (String token : StringUtils.commaDelimitedListToStringArray(argument)) {
				String value = token.trim();
				if (value.equalsIgnoreCase(REPORT_ONLY) && !reportOnly) {
					reportOnly = true;
				}
				else if (value.regionMatches(true, 0, ENFORCE_FROM, 0, ENFORCE_FROM.length()) && enforceFrom == null) {
					enforceFrom = value.substring(ENFORCE_FROM.length());
				}
				else {
					protocols.add(value);
				}
			}
		}
		try {
			ProtocolRequirement requirement = RequirementText.requirement(protocols, source);
			return new Route.Part(requirement, RequirementText.rollout(reportOnly, enforceFrom, source));
		}
		catch (InvalidRequirementException ex) {
			throw new InvalidRequirementException(ex.getSource(), ex.getValue(), ARGUMENTS);
		}
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
