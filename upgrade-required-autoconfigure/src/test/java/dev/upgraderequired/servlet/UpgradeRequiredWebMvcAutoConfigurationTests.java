package dev.upgraderequired.servlet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.autoconfigure.UpgradeRequiredAutoConfiguration;
import dev.upgraderequired.autoconfigure.UpgradeRequiredWebMvcAutoConfiguration;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.server.UnsupportedServerException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeRequiredWebMvcAutoConfiguration} and the {@link UpgradeRequiredServletConfiguration} it
 * imports.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradeRequiredWebMvcAutoConfigurationTests {

	private static final AutoConfigurations WEB_MVC = AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
				UpgradeRequiredWebMvcAutoConfiguration.class));

	@Test
	void everyPartIsConfiguredByDefault() {
		this.contextRunner.withConfiguration(WEB_MVC)
			.run((context) -> assertThat(context).hasSingleBean(UpgradePolicy.class)
				.hasSingleBean(ServletContainerRequestFacts.class)
				.hasSingleBean(UpgradeRequiredExceptionResolver.class)
				.hasSingleBean(WebSocketEndpointRequirementResolver.class)
				.hasBean("upgradeRequiredMappedInterceptor")
				.hasBean("upgradeRequiredFilterRegistration"));
	}

	@Test
	void interceptorIsRegisteredAsAMappedInterceptorSoItReachesEveryHandlerMapping() {
		this.contextRunner.run((context) -> {
			MappedInterceptor mapped = context.getBean("upgradeRequiredMappedInterceptor", MappedInterceptor.class);
			assertThat(mapped.getInterceptor()).isInstanceOf(UpgradeRequiredInterceptor.class);
			assertThat(mapped.getIncludePathPatterns()).isNull();
		});
	}

	@Test
	void filterIsRegisteredForRequestDispatchesBeforeSpringSecurity() {
		this.contextRunner.withConfiguration(WEB_MVC).run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("upgradeRequiredFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(UpgradeRequiredFilter.class);
			// Spring Security's filter chain is at -100, Boot's request-context filter at -105.
			assertThat(registration.getOrder()).isLessThan(-100).isGreaterThan(-105);
			assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
		});
	}

	@Test
	void filterOrderCanBeSet() {
		this.contextRunner.withConfiguration(WEB_MVC)
			.withPropertyValues("upgrade-required.filter-order=42")
			.run((context) -> assertThat(
					context.getBean("upgradeRequiredFilterRegistration", FilterRegistrationBean.class).getOrder())
				.isEqualTo(42));
	}

	@Test
	void filterIsAbsentWithoutHandlerMappingBeansAndTheInterceptorDecides() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("upgradeRequiredMappedInterceptor")
			.doesNotHaveBean("upgradeRequiredFilterRegistration"));
	}

	@Test
	void factsFollowTheServletContainerAndTheForwardingStrategyAndAreTomcatsWithoutAServer() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.tomcat()));
		runIn("jetty/12.1.14", (context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.jetty(false)));
		runIn("jetty/12.1.14", (context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.jetty(true)), "server.forward-headers-strategy=native");
		runIn("Apache Tomcat/11.0.27", (context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.tomcat()));
	}

	@Test
	void containerWhoseFactsAreUnknownFailsTheStartupNamingIt() {
		runIn("WildFly Full 38.0.0.Final (WildFly Core 30.0.0.Final) - 2.4.0.Final", (context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedServerException.class)
				.hasMessageContaining("WildFly Full 38.0.0.Final")
				.hasMessageContaining("(Spring MVC)");
		});
	}

	@Test
	void factsOfTheApplicationReplaceTheContainers() {
		this.contextRunner.withUserConfiguration(UserFacts.class)
			.run((context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
				.isSameAs(context.getBean(UserFacts.class).facts));
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
	void minimumTlsVersionOfAnAnnotationBehindForwardedHeadersIsWarnedAbout(CapturedOutput output) {
		this.contextRunner.withConfiguration(WEB_MVC)
			.withUserConfiguration(ModernController.class)
			.withPropertyValues("server.forward-headers-strategy=framework")
			.run((context) -> assertThat(output).contains("Enforce the minimum TLS version at the proxy"));
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		this.contextRunner.withConfiguration(WEB_MVC)
			.withPropertyValues("upgrade-required.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradePolicy.class)
				.doesNotHaveBean(MappedInterceptor.class)
				.doesNotHaveBean("upgradeRequiredFilterRegistration")
				.doesNotHaveBean(UpgradeRequiredExceptionResolver.class));
	}

	@Test
	void webSocketEnforcementCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("upgrade-required.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpointRequirementResolver.class)
				.hasBean("upgradeRequiredMappedInterceptor"));
	}

	@Test
	void webSocketEnforcementIsAbsentWithoutSpringWebSocket() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketHttpRequestHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpointRequirementResolver.class)
				.hasBean("upgradeRequiredMappedInterceptor"));
	}

	@Test
	void springMvcPartsAreAbsentWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MappedInterceptor.class)
				.doesNotHaveBean(UpgradeRequiredExceptionResolver.class));
	}

	@Test
	void springMvcPartsAreAbsentInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
					UpgradeRequiredWebMvcAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(UpgradePolicy.class)
				.doesNotHaveBean(MappedInterceptor.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(UpgradeRequiredExceptionResolver.class));
	}

	@Test
	void invalidAnnotationFailsStartupNamingTheMethod() {
		this.contextRunner.withConfiguration(WEB_MVC)
			.withUserConfiguration(InvalidAnnotationController.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidRequirementException.class)
					.hasMessageContaining(
							"@RequiresProtocol(minTlsVersion) on " + InvalidAnnotationController.class.getName())
					.hasMessageContaining("'TlsVersion.TLS_1_2'")
					.hasMessageContaining("only with Protocol.TLS, not Protocol.HTTP_2; TlsVersion.ANY otherwise");
			});
	}

	@Test
	void everyHandlerIsResolvedAtStartup() {
		this.contextRunner.withConfiguration(WEB_MVC)
			.withUserConfiguration(ModernController.class, RecordingResolver.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RecordingResolver.class).resolved)
					.filteredOn(HandlerMethod.class::isInstance)
					.singleElement()
					.satisfies((handler) -> assertThat(((HandlerMethod) handler).getMethod().getName())
						.isEqualTo("modern"));
			});
	}

	private void runIn(String serverInfo, ContextConsumer<AssertableWebApplicationContext> assertions,
			String... properties) {
		MockServletContext servletContext = new MockServletContext() {

			@Override
			public String getServerInfo() {
				return serverInfo;
			}

		};
		new WebApplicationContextRunner(() -> {
			AnnotationConfigServletWebApplicationContext context = new AnnotationConfigServletWebApplicationContext();
			context.setServletContext(servletContext);
			return context;
		}).withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
				UpgradeRequiredWebMvcAutoConfiguration.class))
			.withPropertyValues(properties)
			.run(assertions);
	}

	static class RecordingResolver implements HandlerRequirementResolver {

		final List<Object> resolved = new CopyOnWriteArrayList<>();

		@Override
		public @Nullable ProtocolRequirement resolve(Object handler) {
			this.resolved.add(handler);
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFacts {

		final ServletContainerRequestFacts facts = new ServletContainerRequestFacts() {

			@Override
			public @Nullable String tlsProtocol(HttpServletRequest request) {
				return null;
			}

		};

		@Bean
		ServletContainerRequestFacts myFacts() {
			return this.facts;
		}

	}

	@RestController
	static class InvalidAnnotationController {

		@RequiresProtocol(value = Protocol.HTTP_2, minTlsVersion = TlsVersion.TLS_1_2)
		@GetMapping("/invalid")
		String invalid() {
			return "never";
		}

	}

	@RestController
	static class ModernController {

		@RequiresProtocol(value = Protocol.TLS, minTlsVersion = TlsVersion.TLS_1_3)
		@GetMapping("/modern")
		String modern() {
			return "ok";
		}

	}

}
