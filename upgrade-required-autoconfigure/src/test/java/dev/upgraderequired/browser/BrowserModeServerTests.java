package dev.upgraderequired.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser-redirect mode and {@code Strict-Transport-Security} without Spring Security, on real servers of both
 * stacks: real TLS on one port, the starter's cleartext listener on another, requests from the JDK client with the
 * headers browsers send. (This module's tests have no Jetty web application support; the sample's contract runs
 * browser-redirect mode on Jetty too.)
 */
class BrowserModeServerTests {

	// The sample's demo-only certificate.
	private static final String DEMO_TLS = "../sample-app/src/main/resources/demo-tls/demo-localhost";

	private static final String CHROME_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,"
			+ "image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	private static final String TOMCAT_REACTIVE = "org.springframework.boot.tomcat.autoconfigure.reactive."
			+ "TomcatReactiveWebServerAutoConfiguration";

	private static final String JETTY_SERVLET = "org.springframework.boot.jetty.autoconfigure.servlet."
			+ "JettyServletWebServerAutoConfiguration";

	private static final String JETTY_REACTIVE = "org.springframework.boot.jetty.autoconfigure.reactive."
			+ "JettyReactiveWebServerAutoConfiguration";

	private static final String NETTY = "org.springframework.boot.reactor.netty.autoconfigure."
			+ "NettyReactiveWebServerAutoConfiguration";

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.sslContext(demoTrust())
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@ParameterizedTest
	@EnumSource
	void navigationIsRedirectedToHttpsWhereProtectedEndpointsSendStrictTransportSecurity(Server server)
			throws Exception {
		try (ConfigurableApplicationContext context = server.start()) {
			assertThat(((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName())
				.isEqualTo(server.webServer);
			int httpsPort = context.getEnvironment().getRequiredProperty("local.server.port", int.class);
			String http = "http://localhost:"
					+ context.getEnvironment().getRequiredProperty("local.upgrade-required.cleartext.port", int.class);
			String https = "https://localhost:" + httpsPort;

			HttpResponse<String> redirected = get(http + "/secure?a=1", "Sec-Fetch-Mode", "navigate");
			assertThat(redirected.statusCode()).isEqualTo(308);
			assertThat(redirected.headers().firstValue("Location")).hasValue(https + "/secure?a=1");
			assertThat(vary(redirected)).containsExactly("Sec-Fetch-Mode");
			assertThat(redirected.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(redirected.headers().map()).doesNotContainKeys("upgrade", "strict-transport-security");
			assertThat(redirected.body()).isEmpty();
			// Without Sec-Fetch-Mode, as browsers navigate to other hosts over cleartext.
			HttpResponse<String> byAccept = get(http + "/ruled/thing", "Upgrade-Insecure-Requests", "1", "Accept",
					CHROME_ACCEPT);
			assertThat(byAccept.statusCode()).isEqualTo(308);
			assertThat(byAccept.headers().firstValue("Location")).hasValue(https + "/ruled/thing");
			assertThat(vary(byAccept)).containsExactly("Sec-Fetch-Mode", "Upgrade-Insecure-Requests", "Accept");

			// A script's fetch(), an API client: 426, varying on what was read.
			HttpResponse<String> fetch = get(http + "/secure", "Sec-Fetch-Mode", "cors");
			assertThat(fetch.statusCode()).isEqualTo(426);
			assertThat(fetch.headers().firstValue("Upgrade")).hasValue("TLS/1.3, TLS/1.2, HTTP/1.1");
			assertThat(vary(fetch)).containsExactly("Sec-Fetch-Mode");
			HttpResponse<String> api = get(http + "/secure");
			assertThat(api.statusCode()).isEqualTo(426);
			assertThat(api.headers().firstValue("Location")).isEmpty();
			assertThat(vary(api)).containsExactly("Sec-Fetch-Mode", "Upgrade-Insecure-Requests");
			// A navigation to an endpoint that needs more than TLS.
			assertThat(get(http + "/stream", "Sec-Fetch-Mode", "navigate").statusCode()).isEqualTo(426);

			HttpResponse<String> served = get(redirected.headers().firstValue("Location").orElseThrow());
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.body()).isEqualTo("secure");
			assertThat(served.headers().allValues("Strict-Transport-Security"))
				.containsExactly("max-age=3600; includeSubDomains");
			assertThat(get(https + "/ruled/thing").headers().allValues("Strict-Transport-Security"))
				.containsExactly("max-age=3600; includeSubDomains");
			assertThat(get(https + "/plain").headers().map()).doesNotContainKey("strict-transport-security");
			assertThat(get(http + "/plain").headers().map()).doesNotContainKey("strict-transport-security");
		}
	}

	@ParameterizedTest
	@EnumSource
	void refusalOfACrossOriginFetchVariesOnWhatCorsAndTheStarterRead(Server server) throws Exception {
		try (ConfigurableApplicationContext context = server.start()) {
			String http = "http://localhost:"
					+ context.getEnvironment().getRequiredProperty("local.upgrade-required.cleartext.port", int.class);
			HttpResponse<String> fetch = get(http + "/shared", "Origin", "https://app.example", "Sec-Fetch-Mode",
					"cors");
			assertThat(fetch.statusCode()).isEqualTo(426);
			assertThat(fetch.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
			// Spring's CORS processing varies on the CORS request headers, the starter on Sec-Fetch-Mode: each once.
			assertThat(vary(fetch)).containsExactlyInAnyOrder("Origin", "Access-Control-Request-Method",
					"Access-Control-Request-Headers", "Sec-Fetch-Mode");
			// An origin CORS does not allow keeps CORS's 403.
			assertThat(get(http + "/shared", "Origin", "https://other.example", "Sec-Fetch-Mode", "cors").statusCode())
				.isEqualTo(403);
		}
	}

	private static HttpResponse<String> get(String uri, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> vary(HttpResponse<?> response) {
		List<String> names = new ArrayList<>();
		for (String value : response.headers().allValues("Vary")) {
			for (String name : value.split(",")) {
				names.add(name.trim());
			}
		}
		return names;
	}

	// Trusts the demo certificate.
	private static SSLContext demoTrust() {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("file:" + DEMO_TLS + ".crt")))
			.createSslContext();
	}

	enum Server {

		SPRING_MVC_ON_TOMCAT("servlet", "TomcatWebServer", JETTY_SERVLET),

		WEBFLUX_ON_REACTOR_NETTY("reactive", "NettyWebServer", TOMCAT_REACTIVE, JETTY_REACTIVE),

		WEBFLUX_ON_TOMCAT("reactive", "TomcatWebServer", NETTY, JETTY_REACTIVE);

		private final String type;

		private final String webServer;

		private final String[] excluded;

		Server(String type, String webServer, String... excluded) {
			this.type = type;
			this.webServer = webServer;
			this.excluded = excluded;
		}

		ConfigurableApplicationContext start() {
			return new SpringApplicationBuilder(BrowserApplication.class).properties(
					"spring.main.web-application-type=" + this.type,
					"spring.autoconfigure.exclude=" + String.join(",", this.excluded), "server.port=0",
					"server.ssl.bundle=demo",
					"spring.ssl.bundle.pem.demo.keystore.certificate=file:" + DEMO_TLS + ".crt",
					"spring.ssl.bundle.pem.demo.keystore.private-key=file:" + DEMO_TLS + ".key",
					"upgrade-required.cleartext.port=0", "upgrade-required.browser-redirect.enabled=true",
					"upgrade-required.hsts.enabled=true", "upgrade-required.hsts.max-age=1h",
					"upgrade-required.hsts.include-sub-domains=true", "upgrade-required.rules[0].paths=/ruled/**",
					"upgrade-required.rules[0].protocol=tls")
				.run();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(BrowserEndpoints.class)
	static class BrowserApplication {

	}

	@RestController
	static class BrowserEndpoints {

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/secure")
		String secure() {
			return "secure";
		}

		@RequiresProtocol(Protocol.HTTP_2)
		@GetMapping("/stream")
		String stream() {
			return "stream";
		}

		@CrossOrigin("https://app.example")
		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/shared")
		String shared() {
			return "shared";
		}

		@GetMapping("/ruled/thing")
		String ruled() {
			return "ruled";
		}

	}

}
