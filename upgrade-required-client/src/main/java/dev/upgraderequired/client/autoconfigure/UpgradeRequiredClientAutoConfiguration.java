package dev.upgraderequired.client.autoconfigure;

import dev.upgraderequired.client.UpgradeAnnouncementListener;
import dev.upgraderequired.client.UpgradeAnnouncements;
import dev.upgraderequired.client.UpgradeRequiredErrorHandler;
import dev.upgraderequired.client.UpgradeRequiredExchangeFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the client support: every {@code RestClient.Builder} and {@code WebClient.Builder} that
 * Spring Boot provides turns a {@code 426 Upgrade Required} response into a typed exception, and tells an
 * announcement of a protocol's end to the application's {@link UpgradeAnnouncementListener} (by default, a WARN log
 * line per origin and protocols).
 *
 * @author upgrade-required
 * @since 0.2.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "upgrade-required.client.enabled", matchIfMissing = true)
public final class UpgradeRequiredClientAutoConfiguration {

	// The application's listener, else the default, which logs.
	@Bean
	@ConditionalOnMissingBean
	UpgradeAnnouncements upgradeRequiredAnnouncements(ObjectProvider<UpgradeAnnouncementListener> listener) {
		UpgradeAnnouncementListener own = listener.getIfUnique();
		return (own != null) ? UpgradeAnnouncements.to(own) : UpgradeAnnouncements.LOGGING;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class RestClientConfiguration {

		@Bean
		RestClientCustomizer upgradeRequiredRestClientCustomizer(UpgradeAnnouncements announcements) {
			return (builder) -> UpgradeRequiredErrorHandler.register(builder, announcements);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		WebClientCustomizer upgradeRequiredWebClientCustomizer(UpgradeAnnouncements announcements) {
			return (builder) -> UpgradeRequiredExchangeFilter.register(builder, announcements);
		}

	}

}
