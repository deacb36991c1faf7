package dev.upgraderequired.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.HandlerRequirementResolver;
import dev.upgraderequired.core.InvalidRequirementException;
import dev.upgraderequired.core.RequiresProtocolResolver;
import dev.upgraderequired.core.UpgradeResponder;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import dev.upgraderequired.servlet.MappedHandlerRequirements;
import dev.upgraderequired.servlet.ServletUpgradeResponseWriter;
import dev.upgraderequired.servlet.UpgradeRequiredExceptionResolver;
import dev.upgraderequired.servlet.UpgradeRequiredFilter;
import dev.upgraderequired.servlet.UpgradeRequiredInterceptor;
import dev.upgraderequired.servlet.WebSocketEndpointRequirementResolver;
import jakarta.servlet.DispatcherType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
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
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeRequiredAutoConfiguration} and {@link UpgradeRequiredWebMvcAutoConfiguration}.
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
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EndpointRequirements.class)
			.hasSingleBean(UpgradeResponder.class)
			.hasSingleBean(RequiresProtocolResolver.class)
			.hasSingleBean(UpgradeRequiredInterceptor.class)
			.hasSingleBean(UpgradeRequiredExceptionResolver.class)
			.hasSingleBean(WebSocketEndpointRequirementResolver.class)
			.hasBean(UpgradeRequiredWebMvcAutoConfiguration.MAPPED_INTERCEPTOR_BEAN_NAME));
	}

	@Test
	void factsFollowTheServletContainerAndAreTomcatsWithoutAServer() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.tomcat()));
		runIn("jetty/12.1.14", (context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.jetty()));
		runIn("Apache Tomcat/11.0.27", (context) -> assertThat(context.getBean(ServletContainerRequestFacts.class))
			.isSameAs(ServletContainerRequestFacts.tomcat()));
	}

	@Test
	void containerWhoseFactsAreUnknownFailsTheStartupNamingIt() {
		runIn("WildFly Full 38.0.0.Final (WildFly Core 30.0.0.Final) - 2.4.0.Final", (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new UnsupportedServerFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("on WildFly Full 38.0.0.Final")
				.contains("(Spring MVC)")
				.contains("a minimum TLS version, HTTP/2");
			assertThat(analysis.getAction()).contains("declare a ServletContainerRequestFacts bean")
				.contains("upgrade-required.enabled=false");
		});
	}

	@Test
	void rulesInAServletApplicationWithoutSpringMvcFailTheStartup() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
					UpgradeRequiredWebMvcAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**", "upgrade-required.rules[0].protocol=tls")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("upgrade-required.rules are set")
					.hasMessageContaining("no Spring MVC DispatcherServlet");
			});
	}

	@Test
	void servletApplicationWithoutSpringMvcAndWithoutRulesStarts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EndpointRequirements.class)
				.doesNotHaveBean(UpgradeRequiredInterceptor.class));
	}

	private void runIn(String serverInfo, ContextConsumer<AssertableWebApplicationContext> assertions) {
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
			.run(assertions);
	}

	@Test
	void interceptorIsRegisteredAsAMappedInterceptorSoItReachesEveryHandlerMapping() {
		this.contextRunner.run((context) -> {
			MappedInterceptor mapped = context.getBean(UpgradeRequiredWebMvcAutoConfiguration.MAPPED_INTERCEPTOR_BEAN_NAME,
					MappedInterceptor.class);
			assertThat(mapped.getInterceptor()).isSameAs(context.getBean(UpgradeRequiredInterceptor.class));
			assertThat(mapped.getIncludePathPatterns()).isNull();
		});
	}

	@Test
	void filterIsRegisteredForRequestDispatchesAfterSpringSecurityAndHandsHandlersOver() {
		this.contextRunner.withConfiguration(WEB_MVC).run((context) -> {
			FilterRegistrationBean<?> registration = context
				.getBean(UpgradeRequiredWebMvcAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			UpgradeRequiredFilter filter = context.getBean(UpgradeRequiredFilter.class);
			assertThat(registration.getFilter()).isSameAs(filter);
			assertThat(registration.getOrder()).isEqualTo(filter.getOrder()).isGreaterThan(-100)
				.isLessThan(Ordered.LOWEST_PRECEDENCE);
			assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
			assertThat(context.getBeansOfType(HandlerMapping.class).values()).contains(filter.handlerMapping());
		});
	}

	@Test
	void filterOrderCanBeSet() {
		this.contextRunner.withConfiguration(WEB_MVC)
			.withPropertyValues("upgrade-required.filter-order=-101")
			.run((context) -> assertThat(context
				.getBean(UpgradeRequiredWebMvcAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.getOrder()).isEqualTo(-101));
	}

	@Test
	void filterIsAbsentWithoutHandlerMappingBeansSoThatTheServletKeepsItsDefaultOnes() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(UpgradeRequiredInterceptor.class)
			.doesNotHaveBean(UpgradeRequiredFilter.class)
			.doesNotHaveBean(HandlerMapping.class));
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
				.doesNotHaveBean(UpgradeRequiredInterceptor.class)
				.doesNotHaveBean(MappedInterceptor.class)
				.doesNotHaveBean(UpgradeRequiredFilter.class)
				.doesNotHaveBean(UpgradeRequiredExceptionResolver.class));
	}

	@Test
	void webSocketEnforcementCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("upgrade-required.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpointRequirementResolver.class)
				.hasSingleBean(UpgradeRequiredInterceptor.class));
	}

	@Test
	void webSocketEnforcementIsAbsentWithoutSpringWebSocket() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketHttpRequestHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpointRequirementResolver.class)
				.hasSingleBean(UpgradeRequiredInterceptor.class));
	}

	@Test
	void springMvcPartsAreAbsentWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UpgradeRequiredInterceptor.class)
				.doesNotHaveBean(MappedInterceptor.class)
				.doesNotHaveBean(UpgradeRequiredFilter.class)
				.doesNotHaveBean(UpgradeRequiredExceptionResolver.class));
	}

	@Test
	void springMvcPartsAreAbsentInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UpgradeRequiredAutoConfiguration.class,
					UpgradeRequiredWebMvcAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(EndpointRequirements.class)
				.doesNotHaveBean(UpgradeRequiredInterceptor.class)
				.doesNotHaveBean(UpgradeRequiredFilter.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(UpgradeRequiredExceptionResolver.class));
	}

	@Test
	void everyBeanBacksOffToTheUsersOwn() {
		this.contextRunner.withConfiguration(WEB_MVC).withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(EndpointRequirements.class)
				.hasSingleBean(UpgradeResponder.class)
				.hasSingleBean(ServletUpgradeResponseWriter.class)
				.hasSingleBean(MappedHandlerRequirements.class)
				.hasSingleBean(UpgradeRequiredInterceptor.class)
				.hasSingleBean(UpgradeRequiredExceptionResolver.class)
				.hasSingleBean(RequiresProtocolResolver.class)
				.hasSingleBean(WebSocketEndpointRequirementResolver.class);
			assertThat(context.getBean(EndpointRequirements.class)).isSameAs(context.getBean(UserBeans.class).requirements);
			assertThat(context.getBean(UpgradeRequiredInterceptor.class))
				.isSameAs(context.getBean(UserBeans.class).interceptor);
			assertThat(context.getBean(UpgradeRequiredWebMvcAutoConfiguration.MAPPED_INTERCEPTOR_BEAN_NAME,
					MappedInterceptor.class).getInterceptor()).isSameAs(context.getBean(UserBeans.class).interceptor);
			UpgradeRequiredFilter filter = context.getBean(UserBeans.class).filter;
			assertThat(context).getBean(UpgradeRequiredFilter.class).isSameAs(filter);
			FilterRegistrationBean<?> registration = context
				.getBean(UpgradeRequiredWebMvcAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isSameAs(filter);
			assertThat(registration.getOrder()).isEqualTo(42);
			assertThat(context.getBeansOfType(HandlerMapping.class).values()).contains(filter.handlerMapping());
		});
	}

	@Test
	void rulesAreCompiledOnePerPattern() {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**,/ops/**",
					"upgrade-required.rules[0].protocol=tls", "upgrade-required.rules[0].min-tls-version=1.3",
					"upgrade-required.rules[1].paths=/stream/**", "upgrade-required.rules[1].protocol=http-2")
			.run((context) -> assertThat(context.getBean(EndpointRequirements.class).pathRules())
				.extracting((rule) -> rule.pattern().getPatternString() + " " + rule.requirement())
				.containsExactly("/admin/** TLS 1.3+", "/ops/** TLS 1.3+", "/stream/** HTTP/2"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			upgrade-required.rules[0].protocol        | ssl      | allowed values are tls, http-2, websocket
			upgrade-required.rules[0].min-tls-version | 1.4      | allowed values are 1.2, 1.3
			upgrade-required.rules[0].paths           | /admin/{ | a path pattern starting with '/'
			upgrade-required.rules[0].paths           | admin/** | a path pattern starting with '/'
			upgrade-required.https-port               | 0        | a port between 1 and 65535
			upgrade-required.problem.type-base        | problems | an absolute URI
			""")
	void invalidPropertyFailsStartupNamingPropertyValueAndAllowedValues(String property, String value,
			String allowed) {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/admin/**", "upgrade-required.rules[0].protocol=tls",
					property + "=" + value)
			.run((context) -> assertInvalid(context, property, value, allowed));
	}

	@Test
	void ruleWithoutProtocolFailsStartup() {
		this.contextRunner.withPropertyValues("upgrade-required.rules[0].paths=/admin/**")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].protocol", "",
					"allowed values are tls, http-2, websocket"));
	}

	@Test
	void ruleWithoutPathsFailsStartup() {
		this.contextRunner.withPropertyValues("upgrade-required.rules[0].protocol=tls")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].paths", "",
					"at least one path pattern"));
	}

	@Test
	void minimumTlsVersionWithAnotherProtocolFailsStartup() {
		this.contextRunner
			.withPropertyValues("upgrade-required.rules[0].paths=/a", "upgrade-required.rules[0].protocol=http-2",
					"upgrade-required.rules[0].min-tls-version=1.3")
			.run((context) -> assertInvalid(context, "upgrade-required.rules[0].min-tls-version", "1.3",
					"only allowed with protocol tls"));
	}

	@Test
	void invalidAnnotationFailsStartupNamingTheMethod() {
		this.contextRunner
			.withConfiguration(WEB_MVC)
			.withUserConfiguration(InvalidAnnotationController.class)
			.run((context) -> assertInvalid(context,
					"@RequiresProtocol(minTlsVersion) on " + InvalidAnnotationController.class.getName(), "1.4",
					"allowed values are 1.2, 1.3"));
	}

	@Test
	void annotatedHandlerMethodsAreResolvedAtStartup() {
		this.contextRunner
			.withConfiguration(WEB_MVC)
			.withUserConfiguration(ValidAnnotationController.class, RecordingResolver.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Other handlers are resolved too (the filter needs to know which are protected), not only methods.
				assertThat(context.getBean(RecordingResolver.class).resolved)
					.filteredOn(HandlerMethod.class::isInstance)
					.singleElement()
					.satisfies((handler) -> assertThat(((HandlerMethod) handler).getMethod().getName())
						.isEqualTo("valid"));
			});
	}

	static class RecordingResolver implements HandlerRequirementResolver {

		final List<Object> resolved = new CopyOnWriteArrayList<>();

		@Override
		public @Nullable ProtocolRequirement resolve(Object handler) {
			this.resolved.add(handler);
			return null;
		}

	}

	@Test
	void failureAnalyzerIsRegistered() throws IOException {
		Properties factories = new Properties();
		factories.load(new ClassPathResource("META-INF/spring.factories").getInputStream());
		assertThat(factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer"))
			.contains(InvalidRequirementFailureAnalyzer.class.getName());
	}

	private static void assertInvalid(AssertableWebApplicationContext context, String source, String value,
			String allowed) {
		assertThat(context).hasFailed();
		assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
			.isInstanceOf(InvalidRequirementException.class)
			.hasMessageContaining(source)
			.hasMessageContaining("'" + value + "'")
			.hasMessageContaining(allowed);
		FailureAnalysis analysis = new InvalidRequirementFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(source).contains("'" + value + "'");
		assertThat(analysis.getAction()).contains(source).contains(allowed);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final EndpointRequirements requirements = new EndpointRequirements(List.of(), List.of());

		final UpgradeResponder responder = new UpgradeResponder(null);

		final ServletUpgradeResponseWriter writer = new ServletUpgradeResponseWriter(this.responder,
				ServletContainerRequestFacts.tomcat());

		final UpgradeRequiredInterceptor interceptor = new UpgradeRequiredInterceptor(this.requirements, this.writer,
				ServletContainerRequestFacts.tomcat());

		final MappedHandlerRequirements mappedRequirements = new MappedHandlerRequirements(this.requirements);

		@Bean
		EndpointRequirements myRequirements() {
			return this.requirements;
		}

		@Bean
		UpgradeResponder myResponder() {
			return this.responder;
		}

		@Bean
		ServletUpgradeResponseWriter myWriter() {
			return this.writer;
		}

		@Bean
		UpgradeRequiredInterceptor myInterceptor() {
			return this.interceptor;
		}

		@Bean
		MappedHandlerRequirements myMappedRequirements() {
			return this.mappedRequirements;
		}

		final UpgradeRequiredExceptionResolver resolver = new UpgradeRequiredExceptionResolver(this.writer,
				this.mappedRequirements, this.requirements, ServletContainerRequestFacts.tomcat());

		final UpgradeRequiredFilter filter = new UpgradeRequiredFilter(this.requirements, this.resolver, this.writer,
				ServletContainerRequestFacts.tomcat(), () -> null, 42);

		@Bean
		UpgradeRequiredExceptionResolver myResolver() {
			return this.resolver;
		}

		@Bean
		UpgradeRequiredFilter myFilter() {
			return this.filter;
		}

		@Bean
		RequiresProtocolResolver myAnnotationResolver() {
			return new RequiresProtocolResolver();
		}

		@Bean
		WebSocketEndpointRequirementResolver myWebSocketResolver() {
			return new WebSocketEndpointRequirementResolver();
		}

	}

	@RestController
	static class InvalidAnnotationController {

		@RequiresProtocol(value = Protocol.TLS, minTlsVersion = "1.4")
		@GetMapping("/invalid")
		String invalid() {
			return "never";
		}

	}

	@RestController
	static class ValidAnnotationController {

		@RequiresProtocol(Protocol.HTTP_2)
		@GetMapping("/valid")
		String valid() {
			return "ok";
		}

	}

}
