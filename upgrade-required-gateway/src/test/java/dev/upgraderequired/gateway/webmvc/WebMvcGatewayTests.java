package dev.upgraderequired.gateway.webmvc;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.forward;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * The gateway contract on Spring Cloud Gateway Server Web MVC, on Tomcat: routes from configuration, refreshed with
 * the configuration (Spring Cloud's {@code ContextRefresher}), and from the Java DSL.
 */
class WebMvcGatewayTests extends AbstractGatewayTests {

	private static final String ROUTES = "spring.cloud.gateway.server.webmvc.routes";

	private static final String LATE = "upgrade-required-late-route";

	WebMvcGatewayTests() {
		super(Flavour.webmvc(GatewayApplication.class));
	}

	// A list binds from one property source: the new one has the routes before it too.
	@Override
	protected void addRoute(Gateway gateway, int index, String id, String path, String filter) {
		Environment environment = gateway.context().getEnvironment();
		Map<String, Object> routes = new HashMap<>();
		for (int i = 0; i < index; i++) {
			for (String key : List.of(".id", ".uri", ".predicates[0]", ".filters[0]")) {
				String value = environment.getProperty(ROUTES + "[" + i + "]" + key);
				if (value != null) {
					routes.put(ROUTES + "[" + i + "]" + key, value);
				}
			}
		}
		String route = ROUTES + "[" + index + "]";
		routes.putAll(Map.of(route + ".id", id, route + ".uri", backendUri(), route + ".predicates[0]",
				"Path=" + path, route + ".filters[0]", filter));
		gateway.context().getEnvironment().getPropertySources().addFirst(new MapPropertySource(LATE, routes));
		gateway.context().getBean(ContextRefresher.class).refresh();
	}

	@Override
	protected void removeRoute(Gateway gateway) {
		gateway.context().getEnvironment().getPropertySources().remove(LATE);
		gateway.context().getBean(ContextRefresher.class).refresh();
	}

	// A filter of the Java DSL cannot be seen from outside the route: enforced all the same, by the filter.
	@Test
	void requireProtocolFilterOfTheJavaDslIsEnforcedAfterSecurity() throws Exception {
		try (Gateway gateway = start(Security.WITH, "dsl.filter=true")) {
			assertThat(send(http11(null), gateway.http("/dsl-filter/x"), null).statusCode()).isEqualTo(401);
			assertThat(send(http11(null), gateway.http("/dsl-filter/x"), CREDENTIALS).statusCode()).isEqualTo(426);
			assertThat(send(http11("TLSv1.2"), gateway.https("/dsl-filter/x"), CREDENTIALS).body())
				.isEqualTo("backend /dsl-filter/x");
		}
	}

	@Test
	void routeOfTheJavaDslWrappedAfterItsBuildIsRefusedBeforeSecurity() throws Exception {
		try (Gateway gateway = start(Security.WITH, "dsl.wrapped=true")) {
			assertThat(send(http11(null), gateway.http("/wrapped/x"), null).statusCode()).isEqualTo(426);
			assertThat(send(http11(null), gateway.https("/wrapped/x"), CREDENTIALS).body())
				.isEqualTo("backend /wrapped/x");
		}
	}

	// Declared where the starter cannot tell which of the routes it is for: never silently dropped.
	@Test
	void requirementDeclaredForRoutesCombinedInOneBeanFailsTheStart() {
		assertThat(startFailure("dsl.combined=true")).hasMessageContaining("bean 'combinedRoutes'")
			.hasMessageContaining("[one, two]");
	}

	// The route to which the gateway forwards is decided by its own requirement, not the route's.
	@Test
	void forwardOfAnOpenRouteToAProtectedHandlerIsRefused() throws Exception {
		try (Gateway gateway = start(Security.WITHOUT, "dsl.forward=true")) {
			HttpResponse<String> refused = send(http11(null), gateway.http("/fwd/x"), null);
			assertThat(refused.statusCode()).isEqualTo(426);
			assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			assertThat(send(http11(null), gateway.https("/fwd/x"), null).body()).isEqualTo("internal secure");
		}
	}

	@Test
	void fullFormTakesOnlyTheRequiresArgument() {
		assertThat(startFailure(ROUTES + "[3].filters[0].name=RequireProtocol", ROUTES + "[3].filters[0].args.requires=TLS",
				ROUTES + "[3].filters[0].args.min=1.3"))
			.hasMessageContaining("'min=1.3' for " + ROUTES + "[3].filters[0]");
		assertThat(startFailure(ROUTES + "[3].filters[0].name=requireProtocol",
				ROUTES + "[3].filters[0].args.requires=TLS,1.4"))
			.hasMessageContaining("'1.4' for " + ROUTES + "[3].filters[0]");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(InternalController.class)
	static class GatewayApplication {

		// Defined before the gateway's configuration, which puts its configured routes in refresh scope only if the
		// scope is defined by then (Spring Cloud's own definition of it comes later): see docs/gateway.md.
		@Bean
		static RefreshScope refreshScope() {
			return new RefreshScope();
		}

		@Bean
		@ConditionalOnBooleanProperty("dsl.route")
		RouterFunction<ServerResponse> dslRoute() {
			return route("dsl").GET("/dsl/**", http())
				.before(uri(backendUri()))
				.withAttributes(RequireProtocolFilterFunctions.routeRequires("TLS", "1.3"))
				.build();
		}

		@Bean
		@ConditionalOnBooleanProperty("dsl.wrapped")
		RouterFunction<ServerResponse> wrappedRoute() {
			return route("wrapped").GET("/wrapped/**", http())
				.before(uri(backendUri()))
				.build()
				.withAttributes(RequireProtocolFilterFunctions.routeRequires("TLS"));
		}

		@Bean
		@ConditionalOnBooleanProperty("dsl.combined")
		RouterFunction<ServerResponse> combinedRoutes() {
			return route("one").GET("/one/**", http())
				.before(uri(backendUri()))
				.build()
				.and(route("two").GET("/two/**", http()).before(uri(backendUri())).build())
				.withAttributes(RequireProtocolFilterFunctions.routeRequires("TLS"));
		}

		@Bean
		@ConditionalOnBooleanProperty("dsl.forward")
		RouterFunction<ServerResponse> forwardRoute() {
			return route("fwd").GET("/fwd/**", forward("/internal/secure")).build();
		}

		@Bean
		@ConditionalOnBooleanProperty("dsl.filter")
		RouterFunction<ServerResponse> dslFilterRoute() {
			return route("dsl-filter").GET("/dsl-filter/**", http())
				.before(uri(backendUri()))
				.filter(RequireProtocolFilterFunctions.requireProtocol("TLS"))
				.build();
		}

	}

	@RestController
	static class InternalController {

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/internal/secure")
		String secure() {
			return "internal secure";
		}

	}

}
