package dev.upgraderequired.reactive;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.autoconfigure.UpgradeRequiredAutoConfiguration;
import dev.upgraderequired.autoconfigure.UpgradeRequiredWebFluxAutoConfiguration;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.UnsupportedServerException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeRequiredWebFluxAutoConfiguration} and the {@link UpgradeRequiredReactiveConfiguration} it
 * imports.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradeRequiredWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
				UpgradeRequiredWebFluxAutoConfiguration.class));

	@Test
	void everyPartIsConfiguredByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UpgradePolicy.class)
				.hasSingleBean(ReactiveRequestFacts.class)
				.hasSingleBean(UpgradeRequiredWebFilter.class)
				.hasSingleBean(UpgradeRequiredWebExceptionHandler.class)
				.hasSingleBean(UpgradeRequiredControllerAdvice.class)
				.hasSingleBean(ReactiveWebSocketRequirementResolver.class);
			// No server runs here: requests are taken as HTTP/1.1 with no TLS protocol.
			ReactiveRequestFacts facts = context.getBean(ReactiveRequestFacts.class);
			MockServerHttpRequest request = MockServerHttpRequest.get("https://localhost/x").build();
			assertThat(facts.isHttp1(request)).isTrue();
			assertThat(facts.tlsProtocol(request)).isNull();
			assertThat(facts.isSecure(request)).isTrue();
		});
	}

	@Test
	void filterRunsBeforeSpringSecurityAndExceptionHandlerBeforeBootsErrorHandler() {
		this.contextRunner.run((context) -> {
			// Spring Security's WebFilterChainProxy is at -100.
			assertThat(context.getBean(UpgradeRequiredWebFilter.class).getOrder()).isLessThan(-100);
			assertThat(context.getBean(UpgradeRequiredWebExceptionHandler.class).getOrder()).isLessThan(-1);
		});
	}

	@Test
	void filterOrderCanBeSet() {
		this.contextRunner.withPropertyValues("upgrade-required.filter-order=42")
			.run((context) -> assertThat(context.getBean(UpgradeRequiredWebFilter.class).getOrder()).isEqualTo(42));
	}

	@Test
	void minimumTlsVersionBehindForwardedHeadersIsWarnedAboutOnceAtStartup(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("server.forward-headers-strategy=native", "upgrade-required.rules[0].paths=/admin/**",
					"upgrade-required.rules[0].protocol=tls", "upgrade-required.rules[0].min-tls-version=1.3")
			.run((context) -> assertThat(output.getOut().split("Enforce the minimum TLS version at the proxy", -1))
				.hasSize(2));
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		this.contextRunner.withPropertyValues("upgrade-required.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradePolicy.class)
				.doesNotHaveBean(WebFilter.class)
				.doesNotHaveBean(UpgradeRequiredWebExceptionHandler.class)
				.doesNotHaveBean(UpgradeRequiredControllerAdvice.class));
	}

	@Test
	void webSocketEnforcementCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("upgrade-required.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveWebSocketRequirementResolver.class)
				.hasSingleBean(UpgradeRequiredWebFilter.class));
	}

	@Test
	void webSocketEnforcementIsAbsentWithoutWebFluxWebSocketSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveWebSocketRequirementResolver.class)
				.hasSingleBean(UpgradeRequiredWebFilter.class));
	}

	@Test
	void webFluxPartsAreAbsentWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradeRequiredWebFilter.class)
				.doesNotHaveBean(UpgradeRequiredWebExceptionHandler.class));
	}

	@Test
	void webFluxPartsAreConfiguredWithoutReactorNetty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServerRequest.class))
			.run((context) -> assertThat(context).hasSingleBean(ReactiveRequestFacts.class)
				.hasSingleBean(UpgradeRequiredWebFilter.class)
				.hasSingleBean(UpgradeRequiredWebExceptionHandler.class));
	}

	@Test
	void factsFollowTheServerFactory() {
		this.contextRunner.withBean(NettyReactiveWebServerFactory.class)
			.run((context) -> assertThat(context.getBean(ReactiveRequestFacts.class))
				.isSameAs(ReactorNettyRequestFacts.INSTANCE));
		this.contextRunner.withBean(TomcatReactiveWebServerFactory.class)
			.run((context) -> assertThat(context.getBean(ReactiveRequestFacts.class))
				.isInstanceOf(ServletContainerReactiveRequestFacts.class)
				.hasToString("Tomcat"));
	}

	@Test
	void serverWhoseFactsAreUnknownFailsTheStartup() {
		this.contextRunner.withBean(ReactiveWebServerFactory.class, () -> (httpHandler) -> {
			throw new IllegalStateException("never started");
		}).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedServerException.class)
				.hasMessageContaining("(WebFlux)");
		});
	}

	@Test
	void factsOfTheApplicationReplaceTheServers() {
		this.contextRunner.withUserConfiguration(UserFacts.class)
			.run((context) -> assertThat(context.getBean(ReactiveRequestFacts.class))
				.isSameAs(context.getBean(UserFacts.class).facts));
	}

	@Test
	void webFluxPartsAreAbsentInAServletApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
					UpgradeRequiredWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(UpgradePolicy.class)
				.doesNotHaveBean(UpgradeRequiredWebFilter.class));
	}

	@Test
	void invalidAnnotationFailsStartupNamingTheMethod() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class))
			.withUserConfiguration(InvalidAnnotationController.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidRequirementException.class)
					.hasMessageContaining(
							"@RequiresProtocol(minTlsVersion) on " + InvalidAnnotationController.class.getName())
					.hasMessageContaining("'TlsVersion.TLS_1_3'");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFacts {

		final ReactiveRequestFacts facts = new ReactiveRequestFacts() {

			@Override
			public @Nullable String tlsProtocol(ServerHttpRequest request) {
				return null;
			}

			@Override
			public boolean isHttp1(ServerHttpRequest request) {
				return true;
			}

		};

		@Bean
		ReactiveRequestFacts myFacts() {
			return this.facts;
		}

	}

	@RestController
	static class InvalidAnnotationController {

		@RequiresProtocol(value = Protocol.WEBSOCKET, minTlsVersion = TlsVersion.TLS_1_3)
		@GetMapping("/invalid")
		Mono<String> invalid() {
			return Mono.just("never");
		}

	}

}
