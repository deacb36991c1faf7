package dev.upgraderequired.core;

import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A gateway's route as the core decides on it: its id, and what it requires, part by part (one for each of its
 * filters that requires something), with when each is enforced. A request that a
 * gateway's handler lookup matched to a route is decided with the route as its handler; its refusals are counted
 * with the route's id for a pattern, and the source {@code route}. Routes change while the application runs: an
 * adapter hands the current ones to {@link RequirementIndex#routes}.
 * <p>
 * For upgrade-required's own modules: an application does not create routes.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class Route {

	private final String id;

	private final String target;

	private final List<Part> parts;

	private final ProtocolRequirement requirement;

	private final @Nullable List<String> paths;

	// What it requires part by part, worked out once by the EndpointRequirements that decide on it.
	volatile EndpointRequirements.@Nullable Resolved resolved;

	/**
	 * Create a route.
	 * @param id the route's id
	 * @param target where the route sends requests, for the actuator report
	 * @param parts what it requires, empty for nothing
	 */
	public Route(String id, String target, List<Part> parts) {
		this(id, target, parts, null);
	}

	/**
	 * Create a route that matches only requests whose path one of some patterns matches.
	 * @param id the route's id
	 * @param target where the route sends requests, for the actuator report
	 * @param parts what it requires, empty for nothing
	 * @param paths the path patterns (of the whole path, as received) one of which every request it matches has,
	 * {@code null} if it may match any path
	 */
	public Route(String id, String target, List<Part> parts, @Nullable List<String> paths) {
		Assert.hasText(id, "A route needs an id");
		this.id = id;
		this.target = target;
		this.paths = (paths != null) ? List.copyOf(paths) : null;
		this.parts = List.copyOf(parts);
		ProtocolRequirement requirement = ProtocolRequirement.none();
		for (Part part : this.parts) {
			requirement = requirement.and(part.requirement());
		}
		this.requirement = requirement;
	}

	/**
	 * Return the route's id, which its refusals are counted under.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return where the route sends requests.
	 * @return the target, such as a URI
	 */
	public String target() {
		return this.target;
	}

	/**
	 * Return what the route requires, part by part.
	 * @return the parts, empty if it requires nothing
	 */
	public List<Part> parts() {
		return this.parts;
	}

	/**
	 * Return the path patterns one of which every request the route matches has.
	 * @return the patterns, {@code null} if it may match any path
	 */
	public @Nullable List<String> paths() {
		return this.paths;
	}

	/**
	 * Return what the route requires, all parts together.
	 * @return the requirement, {@link ProtocolRequirement#none()} if it requires nothing
	 */
	public ProtocolRequirement requirement() {
		return this.requirement;
	}

	@Override
	public String toString() {
		return "route " + this.id;
	}

	/**
	 * What one filter of a route requires.
	 * @param requirement the requirement
	 * @param rollout when it is enforced, {@code null} for the default rollout
	 */
	public record Part(ProtocolRequirement requirement, @Nullable Rollout rollout) {
	}

}
