package dev.upgraderequired.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import dev.upgraderequired.HeldObjects;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.DecisionLog;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.condition.AbstractRequestCondition;
import org.springframework.web.servlet.mvc.condition.ParamsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.request;
import static dev.upgraderequired.servlet.UpgradeRequiredFilterIntegrationTests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The early filter decides from the index of handlers listed at startup, on a real server: a refusal without any
 * handler lookup, an allowed request under a protected path's prefix with the servlet's lookup only; where the
 * index cannot tell (a cross-origin request, whose refusal carries its handler's CORS headers), the filter looks
 * the handler up. Each request is decided once (the decider's TRACE log): the interceptor does not decide again
 * what the filter decided.
 */
@SpringBootTest(classes = { WebMvcTestApplication.class, IndexedDecisionIntegrationTests.Counting.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level." + DecisionLog.LOGGER + "=trace")
@ExtendWith(OutputCaptureExtension.class)
class IndexedDecisionIntegrationTests {

	@AfterAll
	static void quietDecisions() {
		DecisionLog.reset();
	}

	@LocalServerPort
	int port;

	@Autowired
	Counting counting;

	@Autowired
	List<HandlerMapping> mappings;

	@BeforeEach
	void clear() {
		this.counting.lookups.clear();
	}

	@Test
	void refusalOfAProtectedEndpointIsDecidedWithoutAnyHandlerLookup() throws Exception {
		assertThat(send(request(this.port, "/class/inherited").GET()).statusCode()).isEqualTo(426);
		assertThat(send(request(this.port, "/items/7").DELETE()).statusCode()).isEqualTo(426);
		assertThat(this.counting.lookups).isEmpty();
	}

	@Test
	void allowedRequestUnderAProtectedPathIsLookedUpOnceByTheServletOnly() throws Exception {
		assertThat(send(request(this.port, "/class/inherited/open").GET()).statusCode()).isEqualTo(200);
		assertThat(this.counting.lookups).containsExactly("servlet /class/inherited/open");
	}

	@Test
	void refusalOfACrossOriginRequestIsLookedUpForTheCorsConfigurationOfItsHandler() throws Exception {
		assertThat(send(request(this.port, "/class/inherited").header("Origin", "https://example.com").GET())
			.statusCode()).isEqualTo(426);
		assertThat(this.counting.lookups).containsExactly("filter /class/inherited");
	}

	@Test
	void refusedRequestIsDecidedOnce(CapturedOutput output) throws Exception {
		assertThat(send(request(this.port, "/class/inherited").GET()).statusCode()).isEqualTo(426);
		assertThat(DecisionLog.of(output, "GET", "/class/inherited")).containsExactly("by the index: respond 426");
	}

	@Test
	void requestAllowedByItsPathIsDecidedOnceByTheFilterAndNotAgainByTheInterceptor(CapturedOutput output)
			throws Exception {
		assertThat(send(request(this.port, "/plain").GET()).statusCode()).isEqualTo(200);
		assertThat(DecisionLog.of(output, "GET", "/plain")).containsExactly("by its path: proceed");
	}

	// The index's decision holds for the handlers it found; a later filter may change which one the servlet chooses
	// (by a header, say), so the interceptor checks that one, once more.
	@Test
	void requestAllowedByTheIndexIsCheckedAgainstTheHandlerTheServletChose(CapturedOutput output) throws Exception {
		assertThat(send(request(this.port, "/class/inherited/open").GET()).statusCode()).isEqualTo(200);
		assertThat(DecisionLog.of(output, "GET", "/class/inherited/open")).containsExactly("by the index: proceed",
				"by its handler: proceed");
	}

	@Test
	void requestLookedUpByTheFilterIsDecidedOnceWithItsHandler(CapturedOutput output) throws Exception {
		assertThat(send(request(this.port, "/class/inherited").header("Origin", "https://example.com").GET())
			.statusCode()).isEqualTo(426);
		assertThat(DecisionLog.of(output, "GET", "/class/inherited")).containsExactly("by the index: look up",
				"by its handler: respond 426");
	}

	@Test
	void handlerRegisteredAfterStartupIsDecidedByTheInterceptor(CapturedOutput output) throws Exception {
		RequestMappingHandlerMapping mapping = requestMappings();
		mapping.registerMapping(
				RequestMappingInfo.paths("/late").methods(RequestMethod.GET).options(mapping.getBuilderConfiguration())
					.build(),
				this.counting, Counting.class.getDeclaredMethod("late"));
		assertThat(send(request(this.port, "/late").GET()).statusCode()).isEqualTo(426);
		assertThat(DecisionLog.of(output, "GET", "/late")).containsExactly("by its path: proceed",
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
				Stream.<AbstractRequestCondition<?>>of(info.getPathPatternsCondition(), info.getMethodsCondition(),
						info.getParamsCondition(), info.getHeadersCondition())
					.filter((condition) -> !condition.isEmpty())
					.forEach(mappingsOwn::add);
				mappingsOwn.addAll(info.getPathPatternsCondition().getPatterns());
				mappingsOwn.addAll(info.getParamsCondition().getExpressions());
			}));
		context.getBeansOfType(AbstractUrlHandlerMapping.class)
			.values()
			.forEach((mapping) -> mappingsOwn.addAll(mapping.getPathPatternHandlerMap().keySet()));
		HeldObjects held = HeldObjects.of(context);
		assertThat(held.among(mappingsOwn)).isEmpty();
		assertThat(held.ofType(PathPattern.class)).extracting(PathPattern::getPatternString)
			.contains("/class/inherited", "/items/{id}", "/**");
		assertThat(held.ofType(RequestMappingInfo.class)).extracting(RequestMappingInfo::toString)
			.contains("{GET [/class/inherited]}", "{GET [/items/{id}]}", "{GET [/sibling], params [admin]}");
		assertThat(held.ofType(ParamsRequestCondition.class)).extracting(ParamsRequestCondition::toString)
			.contains("[admin]");
	}

	private RequestMappingHandlerMapping requestMappings() {
		return this.mappings.stream()
			.filter(RequestMappingHandlerMapping.class::isInstance)
			.map(RequestMappingHandlerMapping.class::cast)
			.findFirst()
			.orElseThrow();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class Counting {

		final Queue<String> lookups = new ConcurrentLinkedQueue<>();

		@GetMapping("/class/inherited/open")
		String open() {
			return "open";
		}

		// Mapped by a test, after the startup.
		@RequiresProtocol(Protocol.TLS)
		@ResponseBody
		String late() {
			return "late";
		}

		// Still a request mapping, which the index lists: counts who looks handlers up in it.
		@Bean
		WebMvcRegistrations countingRequestMappings() {
			return new WebMvcRegistrations() {

				@Override
				public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
					return new RequestMappingHandlerMapping() {

						@Override
						protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
							Counting.this.lookups.add(((request instanceof UpgradeRequiredFilter.LookupRequest)
									? "filter " : "servlet ") + request.getRequestURI());
							return super.getHandlerInternal(request);
						}

					};
				}

			};
		}

	}

}
