package dev.upgraderequired.core;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.upgraderequired.ProtocolRequirement;
import org.jspecify.annotations.Nullable;

/**
 * The requirements of handler methods by request mapping, for requests that a web framework refuses before it
 * chooses a handler (on the media types they consume or produce): the requirement of the mapping that matches such
 * a request best tells whether the client has to upgrade first. Each web stack supplies how a mapping matches a
 * request and how two matches compare.
 *
 * @param <M> the type of the request mappings
 * @author upgrade-required
 * @since 0.1.0
 */
public final class MappedRequirements<M> {

	private final List<Mapped<M>> mapped = new CopyOnWriteArrayList<>();

	private volatile boolean anyRequirement;

	/**
	 * Remember the requirement of a mapping.
	 * @param mapping the request mapping
	 * @param requirement the requirement of its handler method
	 */
	public void add(M mapping, ProtocolRequirement requirement) {
		this.mapped.add(new Mapped<>(mapping, requirement));
		this.anyRequirement |= !requirement.isNone();
	}

	/**
	 * Return the requirement of the mappings that match a request best; if several match equally well, all of
	 * their requirements. Free when no mapping has a requirement.
	 * @param <C> the type of the condition that a mapping matches a request with
	 * @param match the condition with which a mapping matches the request, {@code null} if it does not
	 * @param specificity orders matching conditions, most specific first
	 * @return the requirement, {@link ProtocolRequirement#none()} if no mapping with a requirement is the best match
	 */
	public <C> ProtocolRequirement bestMatch(Function<M, @Nullable C> match, Comparator<C> specificity) {
		if (!this.anyRequirement) {
			return ProtocolRequirement.none();
		}
		C best = null;
		ProtocolRequirement requirement = ProtocolRequirement.none();
		for (Mapped<M> candidate : this.mapped) {
			C condition = match.apply(candidate.mapping());
			if (condition == null) {
				continue;
			}
			int comparison = (best != null) ? specificity.compare(condition, best) : -1;
			if (comparison < 0) {
				best = condition;
				requirement = candidate.requirement();
			}
			else if (comparison == 0) {
				requirement = requirement.and(candidate.requirement());
			}
		}
		return requirement;
	}

	private record Mapped<M>(M mapping, ProtocolRequirement requirement) {
	}

}
