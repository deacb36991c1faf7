package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.RequirementReport;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for what upgrade-required reads reflectively: the attributes of
 * {@link RequiresProtocol}, the {@link RequirementReport} that the actuator endpoint serializes, the classes it
 * looks up by name, and the configuration metadata that tells the known properties ({@link UnknownProperties}). The web stack adapters, and the cleartext listener, register the classes they look up by name themselves.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// MergedAnnotations lists the declared attribute methods of an annotation and invokes them.
		hints.reflection()
			.registerType(RequiresProtocol.class, MemberCategory.INVOKE_DECLARED_METHODS,
					MemberCategory.INVOKE_PUBLIC_METHODS);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), RequirementReport.class);
		hints.resources().registerPattern(UnknownProperties.METADATA);
	}

}
