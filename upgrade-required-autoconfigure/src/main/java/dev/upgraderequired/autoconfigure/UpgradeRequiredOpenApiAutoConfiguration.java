package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.core.UpgradePolicy;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the documentation of {@code 426} responses in springdoc-openapi's OpenAPI document.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration(after = UpgradeRequiredAutoConfiguration.class)
@ConditionalOnClass(GlobalOperationComponentsCustomizer.class)
@ConditionalOnBean(UpgradePolicy.class)
public final class UpgradeRequiredOpenApiAutoConfiguration {

	@Bean
	UpgradeRequiredOperationCustomizer upgradeRequiredOperationCustomizer(UpgradePolicy policy) {
		return new UpgradeRequiredOperationCustomizer(policy);
	}

}
