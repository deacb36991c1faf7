package dev.upgraderequired.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Demo of upgrade-required: HTTPS with HTTP/2 on {@code server.port}, cleartext HTTP with h2c on
 * {@code sample.http-port}, and one endpoint per kind of requirement.
 *
 * @author upgrade-required
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
