package dev.upgraderequired;

import org.jspecify.annotations.Nullable;

/**
 * Strategy that tells what a handler requires, besides {@code @RequiresProtocol}. Called once per handler method, or
 * once per handler class for other handlers, and cached; the answers of every resolver are combined. Declare a bean
 * of this type to add requirements of your own.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@FunctionalInterface
public interface HandlerRequirementResolver {

	/**
	 * Resolve the requirement of a handler.
	 * @param handler the handler, such as a {@link org.springframework.web.method.HandlerMethod}
	 * @return the requirement, or {@code null} if this resolver has nothing to say about the handler
	 * @throws InvalidRequirementException if the handler declares an invalid requirement
	 */
	@Nullable ProtocolRequirement resolve(Object handler);

	/**
	 * Return where the requirements this resolver finds come from, for metrics and the actuator endpoint.
	 * @return the source, {@link RequirementSource#RESOLVER} unless overridden
	 * @since 0.2.0
	 */
	default RequirementSource source() {
		return RequirementSource.RESOLVER;
	}

}
