package dev.upgraderequired.core;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Resolves {@link RequiresProtocol} on a {@link HandlerMethod}: on the method (including inherited and
 * meta-annotations), else on the controller class. Several annotations on one element all apply.
 *
 * @author upgrade-required
 */
final class RequiresProtocolResolver implements HandlerRequirementResolver {

	@Override
	public @Nullable ProtocolRequirement resolve(Object handler) {
		if (!(handler instanceof HandlerMethod handlerMethod)) {
			return null;
		}
		ProtocolRequirement requirement = declaredOn(handlerMethod.getMethod());
		return (requirement != null) ? requirement : declaredOn(handlerMethod.getBeanType());
	}

	/**
	 * Return when the requirement a handler's annotations declare is enforced: as its annotations say (on the method,
	 * else on the class), else the default. The annotations of one element agree.
	 * @param handler the handler, which has a requirement
	 * @param defaultRollout the rollout of an annotation that says nothing about it
	 * @return the rollout
	 * @throws InvalidRequirementException if an annotation's {@code enforceFrom} is not an ISO-8601 instant, is given
	 * together with {@code reportOnly}, or the annotations of the element disagree
	 */
	Rollout rolloutOf(Object handler, Rollout defaultRollout) {
		if (!(handler instanceof HandlerMethod handlerMethod)) {
			return defaultRollout;
		}
		Method method = handlerMethod.getMethod();
		AnnotatedElement element = annotations(method).isEmpty() ? handlerMethod.getBeanType() : method;
		Rollout rollout = null;
		for (MergedAnnotation<RequiresProtocol> annotation : annotations(element)) {
			Rollout declared = rolloutOf(annotation, element, defaultRollout);
			if (rollout != null && !rollout.equals(declared)) {
				throw new InvalidRequirementException("@RequiresProtocol(reportOnly, enforceFrom) on " + name(element),
						rollout + " and " + declared, "the same reportOnly and enforceFrom on every @RequiresProtocol "
								+ "of one method or class");
			}
			rollout = declared;
		}
		return (rollout != null) ? rollout : defaultRollout;
	}

	private static Rollout rolloutOf(MergedAnnotation<RequiresProtocol> annotation, AnnotatedElement element,
			Rollout defaultRollout) {
		Rollout declared = RequirementText.rollout(annotation.getBoolean("reportOnly"),
				annotation.getString("enforceFrom"), "@RequiresProtocol(enforceFrom) on " + name(element));
		return (declared != null) ? declared : defaultRollout;
	}

	@Override
	public RequirementSource source() {
		return RequirementSource.ANNOTATION;
	}

	// Every @RequiresProtocol on the element, directly or through meta-annotations such as @TlsOnly @H2Only.
	private static @Nullable ProtocolRequirement declaredOn(AnnotatedElement element) {
		ProtocolRequirement combined = null;
		// Attributes are read from the merged annotations, without synthesizing a proxy (which a native image would
		// need a hint for, per meta-annotation).
		for (MergedAnnotation<RequiresProtocol> annotation : annotations(element)) {
			ProtocolRequirement requirement = toRequirement(annotation, element);
			combined = (combined != null) ? combined.and(requirement) : requirement;
		}
		return combined;
	}

	private static List<MergedAnnotation<RequiresProtocol>> annotations(AnnotatedElement element) {
		return MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY).stream(RequiresProtocol.class).toList();
	}

	private static String name(AnnotatedElement element) {
		return (element instanceof Method method) ? ClassUtils.getQualifiedMethodName(method) + "()"
				: ((Class<?>) element).getName();
	}

	private static ProtocolRequirement toRequirement(MergedAnnotation<RequiresProtocol> annotation,
			AnnotatedElement element) {
		String source = "@RequiresProtocol(minTlsVersion) on " + name(element);
		return ProtocolRequirements.of(annotation.getEnum(MergedAnnotation.VALUE, Protocol.class),
				annotation.getEnum("minTlsVersion", TlsVersion.class), source, false);
	}

}
