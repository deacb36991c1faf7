package dev.upgraderequired.core;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

import dev.upgraderequired.HandlerRequirementResolver;
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

	@Override
	public RequirementSource source() {
		return RequirementSource.ANNOTATION;
	}

	// Every @RequiresProtocol on the element, directly or through meta-annotations such as @TlsOnly @H2Only.
	private static @Nullable ProtocolRequirement declaredOn(AnnotatedElement element) {
		ProtocolRequirement combined = null;
		// Attributes are read from the merged annotations, without synthesizing a proxy (which a native image would
		// need a hint for, per meta-annotation).
		for (MergedAnnotation<RequiresProtocol> annotation : MergedAnnotations
			.from(element, SearchStrategy.TYPE_HIERARCHY)
			.stream(RequiresProtocol.class)
			.toList()) {
			ProtocolRequirement requirement = toRequirement(annotation, element);
			combined = (combined != null) ? combined.and(requirement) : requirement;
		}
		return combined;
	}

	private static ProtocolRequirement toRequirement(MergedAnnotation<RequiresProtocol> annotation,
			AnnotatedElement element) {
		String source = "@RequiresProtocol(minTlsVersion) on " + ((element instanceof Method method)
				? ClassUtils.getQualifiedMethodName(method) + "()" : ((Class<?>) element).getName());
		return ProtocolRequirements.of(annotation.getEnum(MergedAnnotation.VALUE, Protocol.class),
				annotation.getEnum("minTlsVersion", TlsVersion.class), source, false);
	}

}
