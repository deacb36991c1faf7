package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.UpgradePolicy;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link UpgradeRequiredEndpoint upgraderequired} actuator endpoint.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(UpgradePolicy.class)
@ConditionalOnAvailableEndpoint(UpgradeRequiredEndpoint.class)
public final class UpgradeRequiredEndpointAutoConfiguration {

	@Bean
	UpgradeRequiredEndpoint upgradeRequiredEndpoint(UpgradePolicy policy) {
		return new UpgradeRequiredEndpoint(policy);
	}

}
