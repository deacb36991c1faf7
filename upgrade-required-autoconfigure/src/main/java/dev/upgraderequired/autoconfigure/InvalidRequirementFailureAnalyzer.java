package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.InvalidRequirementException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an {@link InvalidRequirementException} into a startup report that names the property (the starter's, or a
 * gateway route's) or annotation, the value and what is allowed. Ordered first: a value a property's setter rejects
 * fails Boot's binding too, whose own report would name the exception rather than what is allowed.
 *
 * @author upgrade-required
 */
class InvalidRequirementFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRequirementException>
		implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRequirementException cause) {
		String source = cause.getSource();
		String kind = source.startsWith("@") ? "Annotation" : source.contains(" ") ? "Where" : "Property";
		String description = "Invalid upgrade-required configuration:%n%n    %s: %s%n    Value: '%s'%n"
			.formatted(kind, cause.getSource(), cause.getValue());
		String action = "Update %s: %s.".formatted(cause.getSource(), cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

}
