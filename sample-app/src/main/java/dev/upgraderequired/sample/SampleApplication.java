package dev.upgraderequired.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Demo of upgrade-required: HTTPS with HTTP/2 on {@code server.port}, cleartext HTTP with h2c on
 * {@code sample.http-port} (the starter's {@code upgrade-required.cleartext.port}), and one endpoint per kind of
 * requirement. Runs on Spring MVC and Tomcat by default, on WebFlux and Reactor Netty with
 * {@code --spring.main.web-application-type=reactive}, and on Jetty (either stack) with the {@code jetty} profile or
 * WebFlux on Tomcat with the {@code tomcat} profile: every server is on the classpath, and
 * {@code spring.autoconfigure.exclude} in each profile picks one.
 *
 * @author upgrade-required
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
