package dev.upgraderequired.client.autoconfigure;

import dev.upgraderequired.client.UpgradeRequiredErrorHandler;
import dev.upgraderequired.client.UpgradeRequiredExchangeFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the client support: every {@code RestClient.Builder} and {@code WebClient.Builder} that
 * Spring Boot provides turns a {@code 426 Upgrade Required} response into a typed exception.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "upgrade-required.client.enabled", matchIfMissing = true)
public final class UpgradeRequiredClientAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class RestClientConfiguration {

		@Bean
		RestClientCustomizer upgradeRequiredRestClientCustomizer() {
			return UpgradeRequiredErrorHandler::register;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		WebClientCustomizer upgradeRequiredWebClientCustomizer() {
			return UpgradeRequiredExchangeFilter::register;
		}

	}

}
