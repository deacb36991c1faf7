package dev.upgraderequired.benchmarks.comparator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;

/**
 * The baseline that upgrade-required is measured against: an application that answers 426 the way applications do
 * without the starter, by throwing a {@link org.springframework.web.server.ResponseStatusException} or by returning a
 * hand-written {@link org.springframework.http.ResponseEntity}. The starter is on the classpath but disabled
 * ({@code upgrade-required.enabled=false}).
 * <p>
 * Listens on {@code server.port} alone, with HTTP/2 enabled: h2c in cleartext, h2 with TLS ({@code server.ssl.*}).
 * Runs on Spring MVC and Tomcat by default, and on WebFlux and Reactor Netty with
 * {@code --spring.main.web-application-type=reactive}; as in the sample, Tomcat's reactive web server is excluded so
 * that reactive mode runs on Netty.
 *
 * @author upgrade-required
 */
@SpringBootApplication(exclude = TomcatReactiveWebServerAutoConfiguration.class)
public class ComparatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(ComparatorApplication.class, args);
	}

}
