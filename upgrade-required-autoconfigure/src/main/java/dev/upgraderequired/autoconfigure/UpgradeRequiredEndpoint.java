package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.RequirementReport;
import dev.upgraderequired.core.UpgradePolicy;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code upgraderequired} actuator endpoint: every endpoint of the application with what it requires and where
 * that comes from, and the configured path rules. Read-only; exposed on the web only where
 * {@code management.endpoints.web.exposure.include} names it, as every actuator endpoint but {@code health}.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@Endpoint(id = "upgraderequired")
public final class UpgradeRequiredEndpoint {

	private final UpgradePolicy policy;

	UpgradeRequiredEndpoint(UpgradePolicy policy) {
		this.policy = policy;
	}

	/**
	 * Report what every endpoint requires.
	 * @return the report
	 */
	@ReadOperation
	public RequirementReport requirements() {
		return this.policy.index().report();
	}

}
