package dev.upgraderequired;

/**
 * Where the requirement that refused a request comes from: the {@code requirement} tag of the
 * {@code upgrade.required.refusals} metric, and the {@code source} of an endpoint in the {@code upgraderequired}
 * actuator endpoint.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public enum RequirementSource {

	/**
	 * A {@link dev.upgraderequired.RequiresProtocol @RequiresProtocol} annotation on the handler method or its
	 * class.
	 */
	ANNOTATION("annotation"),

	/**
	 * A WebSocket endpoint, which requires a WebSocket handshake.
	 */
	WEBSOCKET("websocket"),

	/**
	 * A {@link HandlerRequirementResolver} of the application.
	 */
	RESOLVER("resolver"),

	/**
	 * A path rule of {@code upgrade-required.rules}.
	 */
	RULE("rule"),

	/**
	 * A route's {@code RequireProtocol} filter, in a Spring Cloud Gateway.
	 */
	ROUTE("route"),

	/**
	 * An {@link dev.upgraderequired.UpgradeRequiredException} thrown while handling the request.
	 */
	EXCEPTION("exception");

	private final String tag;

	RequirementSource(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the name of this source in metrics and the actuator endpoint.
	 * @return the name, such as {@code annotation}
	 */
	public String tag() {
		return this.tag;
	}

}
