package dev.upgraderequired.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.core.RequirementReport;
import dev.upgraderequired.core.UpgradePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The contract of {@code RequireProtocol} on a real Spring Cloud Gateway of each flavour (over TLS, and over
 * cleartext on the starter's cleartext port), in front of a real backend: routes that declare their protocol are
 * refused with the starter's 426 before Spring Security and before the backend is asked; proxied when the request
 * meets the requirement; routes added and removed at run time; the Java DSL; staged routes; invalid configuration.
 */
public abstract class AbstractGatewayTests {

	// The sample's demo-only certificate.
	private static final String DEMO_TLS = "../sample-app/src/main/resources/demo-tls/demo-localhost";

	private static final String SECURITY = "org.springframework.boot.security.autoconfigure.";

	protected static final String CREDENTIALS = "Basic "
			+ Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.US_ASCII));

	private static final AtomicInteger backendRequests = new AtomicInteger();

	// The X-Forwarded-Proto of the last request the backend received.
	protected static final AtomicReference<String> forwardedProto = new AtomicReference<>();

	private static DisposableServer backend;

	// Its own event loops: a reactive gateway disposes of Reactor Netty's global ones when it stops.
	private static LoopResources backendLoops;

	private final Flavour flavour;

	protected AbstractGatewayTests(Flavour flavour) {
		this.flavour = flavour;
	}

	@BeforeAll
	static void startBackend() {
		backendLoops = LoopResources.create("backend", 1, true);
		backend = HttpServer.create().runOn(backendLoops).host("127.0.0.1").port(0).handle((request, response) -> {
			backendRequests.incrementAndGet();
			forwardedProto.set(request.requestHeaders().get("X-Forwarded-Proto", "none"));
			return response.sendString(Mono.just("backend " + request.uri()));
		}).bindNow();
	}

	@AfterAll
	static void stopBackend() {
		backend.disposeNow();
		backendLoops.disposeLater().block(Duration.ofSeconds(10));
	}

	/**
	 * Add a configured route at run time, and refresh the gateway's routes.
	 * @param gateway the gateway
	 * @param index the route's index in the configured routes
	 * @param id its id
	 * @param path its path pattern
	 * @param filter its filter, such as {@code RequireProtocol=TLS}
	 * @throws Exception if it fails
	 */
	protected abstract void addRoute(Gateway gateway, int index, String id, String path, String filter)
			throws Exception;

	/**
	 * Remove the route added at run time, and refresh the gateway's routes.
	 * @param gateway the gateway
	 * @throws Exception if it fails
	 */
	protected abstract void removeRoute(Gateway gateway) throws Exception;

	@ParameterizedTest
	@EnumSource
	void cleartextRequestToATlsRouteIsRefusedBeforeSecurityAndTheBackend(Security security) throws Exception {
		try (Gateway gateway = start(security)) {
			int before = backendRequests.get();
			HttpResponse<String> refused = send(http11(null), gateway.http("/secure/orders?id=7"), null);
			assertThat(refused.statusCode()).isEqualTo(426);
			assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			assertThat(refused.headers().firstValue("Connection")).hasValueSatisfying(
					(connection) -> assertThat(connection).containsIgnoringCase("upgrade"));
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().map()).doesNotContainKey("www-authenticate");
			assertThat(refused.body()).contains("\"status\":426")
				.contains("\"httpsUrl\":\"" + gateway.https("/secure/orders?id=7") + "\"");
			// Over h2c (the JDK client upgrades from HTTP/1.1): the same refusal, without HTTP/1.x's headers.
			HttpResponse<String> h2c = send(client(HttpClient.Version.HTTP_2, null), gateway.http("/secure/orders"),
					null);
			assertThat(h2c.statusCode()).isEqualTo(426);
			assertThat(backendRequests.get()).isEqualTo(before);

			HttpResponse<String> proxied = send(http11("TLSv1.2"), gateway.https("/secure/orders?id=7"),
					security.credentials);
			assertThat(proxied.statusCode()).isEqualTo(200);
			assertThat(proxied.body()).isEqualTo("backend /secure/orders?id=7");
			assertThat(backendRequests.get()).isEqualTo(before + 1);
			if (security == Security.WITH) {
				assertThat(send(http11(null), gateway.https("/secure/orders"), null).statusCode()).isEqualTo(401);
				assertThat(send(http11(null), gateway.http("/open/x"), null).statusCode()).isEqualTo(401);
			}
			else {
				assertThat(send(http11(null), gateway.http("/open/x"), null).body()).isEqualTo("backend /open/x");
			}
		}
	}

	@ParameterizedTest
	@EnumSource
	void routeThatRequiresTls13RefusesTls12(Security security) throws Exception {
		try (Gateway gateway = start(security)) {
			HttpResponse<String> tls12 = send(http11("TLSv1.2"), gateway.https("/modern/x"), null);
			assertThat(tls12.statusCode()).isEqualTo(426);
			assertThat(tls12.headers().firstValue("Upgrade")).hasValue("TLS/1.3, HTTP/1.1");
			assertThat(tls12.body()).contains("\"status\":426").doesNotContain("httpsUrl");
			HttpResponse<String> tls13 = send(http11("TLSv1.3"), gateway.https("/modern/x"), security.credentials);
			assertThat(tls13.statusCode()).isEqualTo(200);
			assertThat(tls13.body()).isEqualTo("backend /modern/x");
		}
	}

	@ParameterizedTest
	@EnumSource
	void routeThatRequiresHttp2RefusesHttp11(Security security) throws Exception {
		try (Gateway gateway = start(security)) {
			HttpResponse<String> http11 = send(http11(null), gateway.https("/h2/x"), null);
			assertThat(http11.statusCode()).isEqualTo(426);
			assertThat(http11.headers().firstValue("Upgrade")).hasValue("HTTP/2.0");
			HttpResponse<String> h2 = send(client(HttpClient.Version.HTTP_2, null), gateway.https("/h2/x"),
					security.credentials);
			assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(h2.statusCode()).isEqualTo(200);
			assertThat(h2.body()).isEqualTo("backend /h2/x");
		}
	}

	@Test
	void refusalsAreCountedByRouteAndTheReportListsTheRoutes() throws Exception {
		try (Gateway gateway = start(Security.WITHOUT)) {
			send(http11(null), gateway.http("/secure/a"), null);
			send(http11(null), gateway.http("/secure/b/c"), null);
			MeterRegistry registry = gateway.context().getBean(MeterRegistry.class);
			assertThat(registry.get("upgrade.required.refusals")
				.tag("uri", "secure")
				.tag("requirement", "route")
				.tag("reason", "tls-required")
				.counter()
				.count()).isEqualTo(2);
			assertThat(report(gateway)).containsExactly("secure " + backendUri() + " TLS enforced",
					"modern " + backendUri() + " TLS 1.3 or later enforced",
					"h2 " + backendUri() + " HTTP/2 enforced", "open " + backendUri() + " none enforced");
		}
	}

	@Test
	void routesAddedAndRemovedAtRunTimeAreEnforcedAndReported() throws Exception {
		try (Gateway gateway = start(Security.WITH)) {
			assertThat(send(http11(null), gateway.http("/late/x"), null).statusCode()).isEqualTo(401);
			addRoute(gateway, 4, "late", "/late/**", "RequireProtocol=TLS,1.3");
			// Known as soon as the gateway has the route, before it serves a request.
			assertThat(report(gateway)).contains("late " + backendUri() + " TLS 1.3 or later enforced");

			HttpResponse<String> refused = send(http11(null), gateway.http("/late/x"), null);
			assertThat(refused.statusCode()).isEqualTo(426);
			assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, HTTP/1.1");
			assertThat(send(http11("TLSv1.2"), gateway.https("/late/x"), null).statusCode()).isEqualTo(426);
			assertThat(send(http11("TLSv1.3"), gateway.https("/late/x"), CREDENTIALS).body())
				.isEqualTo("backend /late/x");

			removeRoute(gateway);
			assertThat(report(gateway)).noneMatch((route) -> route.startsWith("late "));
			assertThat(send(http11(null), gateway.http("/late/x"), null).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void routeRequirementIsDecidedWhereTheEarlyFilterHadAStaleViewOfTheRoutes() throws Exception {
		try (Gateway gateway = start(Security.WITHOUT)) {
			// As if the routes had changed after the early filter last heard of them: it asks nothing of any path.
			gateway.context().getBean(UpgradePolicy.class).index().routes(List.of());
			int before = backendRequests.get();
			HttpResponse<String> refused = send(http11(null), gateway.http("/secure/x"), null);
			assertThat(refused.statusCode()).isEqualTo(426);
			assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			assertThat(refused.body()).contains("\"status\":426");
			assertThat(backendRequests.get()).isEqualTo(before);
			assertThat(send(http11("TLSv1.2"), gateway.https("/secure/x"), null).body()).isEqualTo("backend /secure/x");
		}
	}

	@Test
	void routeOfTheJavaDslIsRefusedBeforeSecurity() throws Exception {
		try (Gateway gateway = start(Security.WITH, "dsl.route=true")) {
			HttpResponse<String> refused = send(http11(null), gateway.http("/dsl/x"), null);
			assertThat(refused.statusCode()).isEqualTo(426);
			assertThat(refused.headers().firstValue("Upgrade")).hasValue("TLS/1.3, HTTP/1.1");
			assertThat(send(http11("TLSv1.2"), gateway.https("/dsl/x"), CREDENTIALS).statusCode()).isEqualTo(426);
			assertThat(send(http11("TLSv1.3"), gateway.https("/dsl/x"), CREDENTIALS).body())
				.isEqualTo("backend /dsl/x");
			assertThat(report(gateway)).anyMatch((route) -> route.startsWith("dsl ")
					&& route.endsWith(" TLS 1.3 or later enforced"));
		}
	}

	@Test
	void browsersNavigatingToATlsRouteAreRedirectedBeforeSecurity() throws Exception {
		try (Gateway gateway = start(Security.WITH, "upgrade-required.browser-redirect.enabled=true")) {
			HttpResponse<String> redirected = send(http11(null), gateway.http("/secure/x?a=1"), null,
					"Sec-Fetch-Mode", "navigate");
			assertThat(redirected.statusCode()).isEqualTo(308);
			assertThat(redirected.headers().firstValue("Location")).hasValue(gateway.https("/secure/x?a=1"));
			// A script's fetch gets the 426.
			assertThat(send(http11(null), gateway.http("/secure/x"), null, "Sec-Fetch-Mode", "cors").statusCode())
				.isEqualTo(426);
		}
	}

	@Test
	void strictTransportSecurityIsSentOnRoutesThatRequireTls() throws Exception {
		try (Gateway gateway = start(Security.WITHOUT, "upgrade-required.hsts.enabled=true",
				"upgrade-required.hsts.max-age=1h")) {
			assertThat(send(http11(null), gateway.https("/secure/x"), null).headers()
				.firstValue("Strict-Transport-Security")).hasValue("max-age=3600");
			assertThat(send(http11(null), gateway.https("/open/x"), null).headers().map())
				.doesNotContainKey("strict-transport-security");
		}
	}

	@Test
	void stagedRouteIsServedCountedAndAnnounced() throws Exception {
		String routes = this.flavour.routes;
		try (Gateway gateway = start(Security.WITHOUT, routes + "[4].id=staged", routes + "[4].uri=" + backendUri(),
				routes + "[4].predicates[0]=Path=/staged/**",
				routes + "[4].filters[0]=RequireProtocol=TLS,enforce-from=2099-01-01T00:00:00Z")) {
			HttpResponse<String> served = send(http11(null), gateway.http("/staged/x"), null);
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.body()).isEqualTo("backend /staged/x");
			assertThat(served.headers().firstValue("Sunset")).hasValue("Thu, 01 Jan 2099 00:00:00 GMT");
			assertThat(served.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			MeterRegistry registry = gateway.context().getBean(MeterRegistry.class);
			assertThat(registry.get("upgrade.required.refusals")
				.tag("uri", "staged")
				.tag("requirement", "route")
				.tag("enforced", "false")
				.counter()
				.count()).isEqualTo(1);
			assertThat(report(gateway)).contains(
					"staged " + backendUri() + " TLS enforced from 2099-01-01T00:00:00Z");
		}
	}

	@Test
	void invalidRequirementOfAConfiguredRouteFailsTheStartNamingTheProperty() {
		String routes = this.flavour.routes;
		assertThat(startFailure(routes + "[1].filters[0]=RequireProtocol=TLS,1.4"))
			.hasMessageContaining("'1.4' for " + routes + "[1].filters[0]");
		assertThat(startFailure(routes + "[2].filters[0]=RequireProtocol=HTTP_2,1.3"))
			.hasMessageContaining("'HTTP_2,1.3' for " + routes + "[2].filters[0]");
		assertThat(startFailure(routes + "[0].filters[0]=RequireProtocol=TLS,enforce-from=2027-02-30"))
			.hasMessageContaining("'2027-02-30' for " + routes + "[0].filters[0]");
		assertThat(startFailure(routes + "[0].filters[0]=RequireProtocol=TLS,report-only,enforce-from=2099-01-01Z"))
			.hasMessageContaining(routes + "[0].filters[0]");
	}

	protected InvalidRequirementException startFailure(String... properties) {
		Throwable failure = catchThrowable(() -> start(Security.WITHOUT, properties).close());
		assertThat(failure).isNotNull();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(cause).isInstanceOf(InvalidRequirementException.class);
		return (InvalidRequirementException) cause;
	}

	protected static List<String> report(Gateway gateway) {
		List<String> routes = new ArrayList<>();
		for (RequirementReport.GatewayRoute route : gateway.context()
			.getBean(UpgradePolicy.class)
			.index()
			.report()
			.routes()) {
			routes.add(route.id() + " " + route.target() + " " + route.requirement() + " " + route.enforcement());
		}
		return routes;
	}

	protected static String backendUri() {
		return "http://127.0.0.1:" + backend.port();
	}

	protected static HttpClient http11(String tlsVersion) {
		return client(HttpClient.Version.HTTP_1_1, tlsVersion);
	}

	protected static HttpClient client(HttpClient.Version version, String tlsVersion) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(version)
			.sslContext(demoTrust())
			.connectTimeout(Duration.ofSeconds(10));
		if (tlsVersion != null) {
			SSLParameters parameters = new SSLParameters();
			parameters.setProtocols(new String[] { tlsVersion });
			builder.sslParameters(parameters);
		}
		return builder.build();
	}

	protected static HttpResponse<String> send(HttpClient client, String uri, String authorization, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// Trusts the demo certificate.
	private static SSLContext demoTrust() {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("file:" + DEMO_TLS + ".crt")))
			.createSslContext();
	}

	/**
	 * Start the flavour's gateway, over TLS and on the starter's cleartext port, with the routes {@code secure}
	 * ({@code RequireProtocol=TLS}), {@code modern} ({@code TLS,1.3}), {@code h2} ({@code HTTP_2}) and {@code open}.
	 * @param security with or without Spring Security
	 * @param more more properties
	 * @return the running gateway
	 */
	protected Gateway start(Security security, String... more) {
		String routes = this.flavour.routes;
		List<String> properties = new ArrayList<>(List.of("spring.main.web-application-type=" + this.flavour.type,
				"server.port=0", "server.http2.enabled=true", "server.ssl.bundle=demo",
				"spring.ssl.bundle.pem.demo.keystore.certificate=file:" + DEMO_TLS + ".crt",
				"spring.ssl.bundle.pem.demo.keystore.private-key=file:" + DEMO_TLS + ".key",
				"upgrade-required.cleartext.port=0"));
		String[] paths = { "secure", "modern", "h2", "open" };
		String[] filters = { "RequireProtocol=TLS", "RequireProtocol=TLS,1.3", "RequireProtocol=HTTP_2", null };
		for (int i = 0; i < paths.length; i++) {
			properties.add(routes + "[" + i + "].id=" + paths[i]);
			properties.add(routes + "[" + i + "].uri=" + backendUri());
			properties.add(routes + "[" + i + "].predicates[0]=Path=/" + paths[i] + "/**");
			if (filters[i] != null) {
				properties.add(routes + "[" + i + "].filters[0]=" + filters[i]);
			}
		}
		if (security == Security.WITHOUT) {
			properties.add("spring.autoconfigure.exclude=" + String.join(",", this.flavour.security));
		}
		properties.addAll(List.of(security.properties));
		properties.addAll(List.of(more));
		return new Gateway(new SpringApplicationBuilder(this.flavour.application)
			.properties(properties.toArray(new String[0]))
			.run());
	}

	/**
	 * A flavour of Spring Cloud Gateway.
	 * @param type the web application type
	 * @param routes the prefix of its configured routes
	 * @param application the application that runs it
	 * @param security the auto-configurations of Spring Security for its stack
	 */
	protected record Flavour(String type, String routes, Class<?> application, List<String> security) {

		public static Flavour webflux(Class<?> application) {
			return new Flavour("reactive", "spring.cloud.gateway.server.webflux.routes", application,
					List.of(SECURITY + "ReactiveUserDetailsServiceAutoConfiguration",
							SECURITY + "web.reactive.ReactiveWebSecurityAutoConfiguration",
							SECURITY + "actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration"));
		}

		public static Flavour webmvc(Class<?> application) {
			return new Flavour("servlet", "spring.cloud.gateway.server.webmvc.routes", application,
					List.of(SECURITY + "UserDetailsServiceAutoConfiguration",
							SECURITY + "web.servlet.ServletWebSecurityAutoConfiguration",
							SECURITY + "web.servlet.SecurityFilterAutoConfiguration",
							SECURITY + "actuate.web.servlet.ManagementWebSecurityAutoConfiguration"));
		}

	}

	protected enum Security {

		WITHOUT(null),

		// Boot's default: every request needs the user's credentials.
		WITH(CREDENTIALS, "spring.security.user.name=user", "spring.security.user.password=secret");

		private final String credentials;

		private final String[] properties;

		Security(String credentials, String... properties) {
			this.credentials = credentials;
			this.properties = properties;
		}

	}

	/**
	 * A running gateway.
	 * @param context its application context
	 */
	protected record Gateway(ConfigurableApplicationContext context) implements AutoCloseable {

		public String http(String path) {
			return "http://localhost:"
					+ this.context.getEnvironment().getRequiredProperty("local.upgrade-required.cleartext.port") + path;
		}

		public String https(String path) {
			return "https://localhost:" + this.context.getEnvironment().getRequiredProperty("local.server.port")
					+ path;
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
