package dev.upgraderequired.sample;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.annotation.Import;

/**
 * The contract on Spring WebFlux and Reactor Netty: the sample's reactive mode. Reactor Netty strips
 * connection-specific headers from HTTP/2 responses itself, so here the contract's HTTP/2 header checks would also
 * hold if the adapter sent them; that it does not is asserted by {@code ReactiveRefusalWriterTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "sample.http-port=0" })
@Import(AbstractSampleContractTests.ContractEndpoints.class)
class ReactiveSampleContractTests extends AbstractSampleContractTests {

	@Override
	Class<? extends WebServer> server() {
		return NettyWebServer.class;
	}

}
