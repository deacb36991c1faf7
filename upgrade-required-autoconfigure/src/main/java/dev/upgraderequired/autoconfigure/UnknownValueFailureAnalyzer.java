package dev.upgraderequired.autoconfigure;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Turns a value of upgrade-required's properties that does not convert ({@link UnknownValueException}, or an
 * {@code enforce-from} that is no instant) into a startup report that names the property, the value, where it is set
 * and the values allowed, one spelling each.
 * Ordered before Spring Boot's own analyzer of binding failures, which would list an enum's constants.
 *
 * @author upgrade-required
 */
class UnknownValueFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		UnknownValueException unknown = findCause(cause, UnknownValueException.class);
		if (unknown != null) {
			return analysis(cause, name, unknown.getValue(), unknown.getAllowed());
		}
		// An enforce-from date, which Boot's own conversion reads.
		if (Instant.class.equals(cause.getTarget().getType().resolve()) && property != null
				&& name.startsWith(UpgradeRequiredProperties.PREFIX + ".")
				&& findCause(cause, ConversionFailedException.class) != null) {
			return analysis(cause, name, String.valueOf(property.getValue()),
					"an ISO-8601 instant, such as 2027-03-01T00:00:00Z or 2027-03-01T00:00:00+01:00");
		}
		return null;
	}

	private static FailureAnalysis analysis(BindException cause, String name, String value, String allowed) {
		Origin origin = Origin.from(cause.getProperty());
		String description = "Invalid upgrade-required configuration:%n%n    Property: %s%n    Value: '%s'%n%s"
			.formatted(name, value, (origin != null) ? "    Origin: %s%n".formatted(origin) : "");
		String action = "Update %s: %s.".formatted(name, allowed);
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
