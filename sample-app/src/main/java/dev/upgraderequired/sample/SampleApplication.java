package dev.upgraderequired.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;

/**
 * Demo of upgrade-required: HTTPS with HTTP/2 on {@code server.port}, cleartext HTTP with h2c on
 * {@code sample.http-port}, and one endpoint per kind of requirement. Runs on Spring MVC and Tomcat by default, and
 * on WebFlux and Reactor Netty with {@code --spring.main.web-application-type=reactive}.
 * <p>
 * Both Tomcat (for servlet mode) and Reactor Netty are on the classpath, and both offer a reactive web server; only
 * the order of their auto-configurations' names would pick Netty. Excluding Tomcat's reactive one makes reactive
 * mode run on Netty by design; servlet mode does not use it.
 *
 * @author upgrade-required
 */
@SpringBootApplication(exclude = TomcatReactiveWebServerAutoConfiguration.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
