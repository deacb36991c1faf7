package dev.upgraderequired.autoconfigure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;

/**
 * Turns a value of upgrade-required's properties that does not convert ({@link UnknownValueException}) into a
 * startup report that names the property, the value, where it is set and the values allowed, one spelling each.
 * Ordered before Spring Boot's own analyzer of binding failures, which would list an enum's constants.
 *
 * @author upgrade-required
 */
class UnknownValueFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		UnknownValueException unknown = findCause(cause, UnknownValueException.class);
		if (unknown == null) {
			return null;
		}
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		Origin origin = Origin.from(property);
		String description = "Invalid upgrade-required configuration:%n%n    Property: %s%n    Value: '%s'%n%s"
			.formatted(name, unknown.getValue(), (origin != null) ? "    Origin: %s%n".formatted(origin) : "");
		String action = "Update %s: %s.".formatted(name, unknown.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
