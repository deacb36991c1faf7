package dev.upgraderequired.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Security in both modes, configured the same way: {@code /api/account} and every actuator endpoint but
 * {@code health} require authentication (HTTP Basic, the demo user of {@code application.properties}), every other
 * endpoint is open, CSRF protection is Spring Security's default. No {@code Strict-Transport-Security}: cleartext
 * and TLS are two ports of one host here, and a browser that kept HSTS for it would ask for https on the cleartext
 * port.
 *
 * @author upgrade-required
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String ACCOUNT = "/api/account";

	private static final String HEALTH = "/actuator/health/**";

	private static final String ACTUATOR = "/actuator/**";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class Servlet {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers(HEALTH)
					.permitAll()
					.requestMatchers(ACCOUNT, ACTUATOR)
					.authenticated()
					.anyRequest()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				.headers((headers) -> headers.httpStrictTransportSecurity((hsts) -> hsts.disable()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class Reactive {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http
				.authorizeExchange((exchanges) -> exchanges.pathMatchers(HEALTH)
					.permitAll()
					.pathMatchers(ACCOUNT, ACTUATOR)
					.authenticated()
					.anyExchange()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				.headers((headers) -> headers.hsts((hsts) -> hsts.disable()))
				.build();
		}

	}

}
