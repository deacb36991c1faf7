package dev.upgraderequired.autoconfigure;

import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.InvalidRequirementException;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.reactive.ReactiveMappedHandlerRequirements;
import dev.upgraderequired.reactive.ReactiveRequestFacts;
import dev.upgraderequired.reactive.ReactiveUpgradeResponseWriter;
import dev.upgraderequired.reactive.ReactiveWebSocketRequirementResolver;
import dev.upgraderequired.reactive.ReactorNettyRequestFacts;
import dev.upgraderequired.reactive.ServletContainerReactiveRequestFacts;
import dev.upgraderequired.reactive.UpgradeRequiredControllerAdvice;
import dev.upgraderequired.reactive.UpgradeRequiredHandlerMapping;
import dev.upgraderequired.reactive.UpgradeRequiredWebExceptionHandler;
import dev.upgraderequired.reactive.UpgradeRequiredWebFilter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
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
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeRequiredWebFluxAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradeRequiredWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
				UpgradeRequiredWebFluxAutoConfiguration.class));

	@Test
	void everyPartIsConfiguredByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EndpointRequirements.class)
				.hasSingleBean(UpgradeResponder.class)
				.hasSingleBean(ReactiveRequestFacts.class)
				.hasSingleBean(ReactiveUpgradeResponseWriter.class)
				.hasSingleBean(UpgradeRequiredHandlerMapping.class)
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
	void filterRunsAfterSpringSecurityAndExceptionHandlerBeforeBootsErrorHandler() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(UpgradeRequiredWebFilter.class).getOrder()).isGreaterThan(-100)
				.isLessThan(Ordered.LOWEST_PRECEDENCE);
			assertThat(context.getBean(UpgradeRequiredWebExceptionHandler.class).getOrder()).isLessThan(-1);
		});
	}

	@Test
	void filterOrderCanBeSet() {
		this.contextRunner.withPropertyValues("upgrade-required.filter-order=-101")
			.run((context) -> assertThat(context.getBean(UpgradeRequiredWebFilter.class).getOrder()).isEqualTo(-101));
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
			.run((context) -> assertThat(context).doesNotHaveBean(EndpointRequirements.class)
				.doesNotHaveBean(UpgradeRequiredHandlerMapping.class)
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
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradeRequiredHandlerMapping.class)
				.doesNotHaveBean(UpgradeRequiredWebFilter.class)
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
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			assertThat(cause).isInstanceOf(UnsupportedServerException.class).hasMessageContaining("(WebFlux)");
			FailureAnalysis analysis = new UnsupportedServerFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("cannot enforce protocol requirements on")
				.contains("(WebFlux)");
			assertThat(analysis.getAction()).contains("declare a ReactiveRequestFacts bean")
				.contains("upgrade-required.enabled=false");
		});
	}

	@Test
	void webFluxPartsAreAbsentInAServletApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
					UpgradeRequiredWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(EndpointRequirements.class)
				.doesNotHaveBean(UpgradeRequiredWebFilter.class)
				.doesNotHaveBean(UpgradeRequiredHandlerMapping.class));
	}

	@Test
	void everyBeanBacksOffToTheUsersOwn() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			UserBeans user = context.getBean(UserBeans.class);
			assertThat(context).hasSingleBean(ReactiveRequestFacts.class)
				.hasSingleBean(ReactiveUpgradeResponseWriter.class)
				.hasSingleBean(ReactiveMappedHandlerRequirements.class)
				.hasSingleBean(UpgradeRequiredHandlerMapping.class)
				.hasSingleBean(UpgradeRequiredWebFilter.class)
				.hasSingleBean(UpgradeRequiredWebExceptionHandler.class)
				.hasSingleBean(UpgradeRequiredControllerAdvice.class)
				.hasSingleBean(ReactiveWebSocketRequirementResolver.class);
			assertThat(context.getBean(ReactiveRequestFacts.class)).isSameAs(user.facts);
			assertThat(context.getBean(UpgradeRequiredHandlerMapping.class)).isSameAs(user.handlerMapping);
			assertThat(context.getBean(UpgradeRequiredWebFilter.class)).isSameAs(user.filter);
			assertThat(context.getBean(UpgradeRequiredWebExceptionHandler.class)).isSameAs(user.exceptionHandler);
		});
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
					.hasMessageContaining("'1.4'")
					.hasMessageContaining("allowed values are 1.2, 1.3");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final ReactiveRequestFacts facts = new Http1OnlyFacts();

		final EndpointRequirements requirements = new EndpointRequirements(List.of(), List.of());

		final ReactiveUpgradeResponseWriter writer = new ReactiveUpgradeResponseWriter(new UpgradeResponder(null),
				this.facts);

		final ReactiveMappedHandlerRequirements mappedRequirements = new ReactiveMappedHandlerRequirements(
				this.requirements);

		final UpgradeRequiredHandlerMapping handlerMapping = new UpgradeRequiredHandlerMapping(this.requirements,
				this.mappedRequirements, this.facts, this.writer);

		final UpgradeRequiredWebFilter filter = new UpgradeRequiredWebFilter(this.handlerMapping);

		final UpgradeRequiredWebExceptionHandler exceptionHandler = new UpgradeRequiredWebExceptionHandler(this.facts,
				this.writer);

		@Bean
		ReactiveRequestFacts myFacts() {
			return this.facts;
		}

		@Bean
		ReactiveUpgradeResponseWriter myWriter() {
			return this.writer;
		}

		@Bean
		ReactiveMappedHandlerRequirements myMappedRequirements() {
			return this.mappedRequirements;
		}

		@Bean
		UpgradeRequiredHandlerMapping myHandlerMapping() {
			return this.handlerMapping;
		}

		@Bean
		UpgradeRequiredWebFilter myFilter() {
			return this.filter;
		}

		@Bean
		UpgradeRequiredWebExceptionHandler myExceptionHandler() {
			return this.exceptionHandler;
		}

		@Bean
		UpgradeRequiredControllerAdvice myAdvice() {
			return new UpgradeRequiredControllerAdvice(this.exceptionHandler);
		}

		@Bean
		ReactiveWebSocketRequirementResolver myWebSocketResolver() {
			return new ReactiveWebSocketRequirementResolver();
		}

	}

	static class Http1OnlyFacts implements ReactiveRequestFacts {

		@Override
		public @Nullable String tlsProtocol(ServerHttpRequest request) {
			return null;
		}

		@Override
		public boolean isHttp1(ServerHttpRequest request) {
			return true;
		}

	}

	@RestController
	static class InvalidAnnotationController {

		@RequiresProtocol(value = Protocol.TLS, minTlsVersion = "1.4")
		@GetMapping("/invalid")
		Mono<String> invalid() {
			return Mono.just("never");
		}

	}

}
