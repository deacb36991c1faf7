package dev.upgraderequired.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Keeps {@code upgrade-required.enabled} and the other switches of upgrade-required effective at run time in an
 * application built with AOT processing (see {@link AotConditions}). Not conditional on
 * {@code upgrade-required.enabled}, so that it also runs in an application built with the starter off.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
public final class UpgradeRequiredAotAutoConfiguration {

	@Bean(AotConditions.BEAN_NAME)
	static AotConditions upgradeRequiredAotConditions(Environment environment) {
		return new AotConditions(environment);
	}

}
