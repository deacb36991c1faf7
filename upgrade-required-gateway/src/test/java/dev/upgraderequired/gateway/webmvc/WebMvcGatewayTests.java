package dev.upgraderequired.gateway.webmvc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.upgraderequired.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
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

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
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
		@ConditionalOnBooleanProperty("dsl.filter")
		RouterFunction<ServerResponse> dslFilterRoute() {
			return route("dsl-filter").GET("/dsl-filter/**", http())
				.before(uri(backendUri()))
				.filter(RequireProtocolFilterFunctions.requireProtocol("TLS"))
				.build();
		}

	}

}
