package dev.upgraderequired.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import dev.upgraderequired.HeldObjects;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.DecisionLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.condition.AbstractRequestCondition;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The early web filter decides from the index of handlers listed at startup, on a real Reactor Netty server (in an
 * application without router functions, which could serve any path and so turn the index off): a
 * refusal without any handler lookup, an allowed request under a protected path's prefix with the
 * {@code DispatcherHandler}'s lookup only; where the index cannot tell (a cross-origin request, whose refusal
 * carries its handler's CORS headers), the filter looks the handler up. Each request is decided once (the
 * decider's TRACE log).
 */
@SpringBootTest(classes = IndexedDecisionWebFluxIntegrationTests.Counting.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=reactive",
				"logging.level." + DecisionLog.LOGGER + "=trace" })
@ExtendWith(OutputCaptureExtension.class)
class IndexedDecisionWebFluxIntegrationTests {

	@AfterAll
	static void quietDecisions() {
		DecisionLog.reset();
	}

	@LocalServerPort
	int port;

	@Autowired
	Counting counting;

	WebTestClient client;

	@BeforeEach
	void clear() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		this.counting.lookups.clear();
	}

	@Test
	void refusalOfAProtectedEndpointIsDecidedWithoutAnyHandlerLookup() {
		this.client.get().uri("/secure").exchange().expectStatus().isEqualTo(426);
		this.client.delete().uri("/secure").exchange().expectStatus().isEqualTo(426);
		assertThat(this.counting.lookups).isEmpty();
	}

	@Test
	void allowedRequestUnderAProtectedPathIsLookedUpOnceByTheDispatcherHandlerOnly() {
		this.client.get().uri("/secure/open").exchange().expectStatus().isOk();
		assertThat(this.counting.lookups).containsExactly("/secure/open");
	}

	@Test
	void refusalOfACrossOriginRequestIsLookedUpForTheCorsConfigurationOfItsHandler() {
		this.client.get().uri("/secure").header("Origin", "https://example.com").exchange().expectStatus()
			.isEqualTo(426);
		assertThat(this.counting.lookups).containsExactly("/secure");
	}

	@Test
	void refusedRequestIsDecidedOnce(CapturedOutput output) {
		this.client.get().uri("/secure").exchange().expectStatus().isEqualTo(426);
		assertThat(DecisionLog.of(output, "GET", "/secure")).containsExactly("by the index: respond 426");
	}

	@Test
	void allowedRequestIsDecidedOnce(CapturedOutput output) {
		this.client.get().uri("/secure/open").exchange().expectStatus().isOk();
		this.client.get().uri("/plain").exchange().expectStatus().isOk();
		assertThat(DecisionLog.of(output, "GET", "/secure/open")).containsExactly("by the index: proceed");
		assertThat(DecisionLog.of(output, "GET", "/plain")).containsExactly("by its path: proceed");
	}

	@Test
	void requestLookedUpByTheFilterIsDecidedOnceWithItsHandler(CapturedOutput output) {
		this.client.get().uri("/secure").header("Origin", "https://example.com").exchange().expectStatus()
			.isEqualTo(426);
		assertThat(DecisionLog.of(output, "GET", "/secure")).containsExactly("by the index: look up",
				"by its handler: respond 426");
	}

	// Spring's lookup walks every mapping's conditions and patterns: held by the starter too, they would be laid out
	// by the garbage collector near the starter's index rather than near their mappings, and the lookup is slower.
	@Test
	void indexHoldsCopiesOfTheMappingsConditionsAndPatternsNotTheirOwn(@Autowired ApplicationContext context) {
		List<Object> mappingsOwn = new ArrayList<>();
		context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().keySet().forEach((info) -> {
				mappingsOwn.add(info);
				Stream.<AbstractRequestCondition<?>>of(info.getPatternsCondition(), info.getMethodsCondition(),
						info.getParamsCondition(), info.getHeadersCondition())
					.filter((condition) -> !condition.isEmpty())
					.forEach(mappingsOwn::add);
				mappingsOwn.addAll(info.getPatternsCondition().getPatterns());
			}));
		context.getBeansOfType(AbstractUrlHandlerMapping.class)
			.values()
			.forEach((mapping) -> mappingsOwn.addAll(mapping.getHandlerMap().keySet()));
		HeldObjects held = HeldObjects.of(context);
		assertThat(held.among(mappingsOwn)).isEmpty();
		assertThat(held.ofType(PathPattern.class)).extracting(PathPattern::getPatternString)
			.contains("/secure", "/secure/open", "/plain", "/webjars/**");
		assertThat(held.ofType(RequestMappingInfo.class)).extracting(RequestMappingInfo::toString)
			.contains("{GET /secure}", "{GET /secure/open}", "{GET /plain}");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = TomcatReactiveWebServerAutoConfiguration.class)
	@RestController
	static class Counting {

		final Queue<String> lookups = new ConcurrentLinkedQueue<>();

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/secure")
		String secure() {
			return "secure";
		}

		@GetMapping("/secure/open")
		String open() {
			return "open";
		}

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

		// Still a request mapping, which the index lists: counts the lookups in it.
		@Bean
		WebFluxRegistrations countingRequestMappings() {
			return new WebFluxRegistrations() {

				@Override
				public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
					return new RequestMappingHandlerMapping() {

						@Override
						public Mono<HandlerMethod> getHandlerInternal(ServerWebExchange exchange) {
							Counting.this.lookups.add(exchange.getRequest().getPath().value());
							return super.getHandlerInternal(exchange);
						}

					};
				}

			};
		}

	}

}
