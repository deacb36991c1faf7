package dev.upgraderequired.reactive;

import java.security.Principal;
import java.util.Map;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.UpgradeRequiredException;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.WebFilter;

/**
 * Application with one endpoint per case of the WebFlux adapter, on Reactor Netty (Tomcat, there for the Spring MVC
 * tests, would otherwise be a candidate reactive server too).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = TomcatReactiveWebServerAutoConfiguration.class)
@Import({ WebFluxTestApplication.Endpoints.class, WebFluxTestApplication.CatchAllAdvice.class })
class WebFluxTestApplication implements WebFluxConfigurer {

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/rule/**").allowedOrigins("https://good.example");
	}

	@RestController
	static class Endpoints {

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/secure")
		String secure() {
			return "secure";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping(path = "/secure-json", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, String> secureJson() {
			return Map.of("secure", "json");
		}

		@RequiresProtocol(Protocol.TLS)
		@PostMapping(path = "/secure-upload", consumes = MediaType.APPLICATION_JSON_VALUE)
		String secureUpload(@RequestBody String body) {
			return body;
		}

		@GetMapping("/rule/thing")
		String ruled() {
			return "ruled";
		}

		@RequiresProtocol(Protocol.TLS)
		@GetMapping(path = "/sibling", params = "admin", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, String> protectedSibling() {
			return Map.of("sibling", "protected");
		}

		@GetMapping(path = "/sibling", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, String> sibling() {
			return Map.of("sibling", "plain");
		}

		@GetMapping("/thrown")
		Mono<String> thrown() {
			return Mono.error(new UpgradeRequiredException(Protocol.HTTP_2));
		}

	}

	// What users write: without the starter's advice ordered first, this would swallow the 426, being ordered
	// before Boot's problem details handler too.
	@RestControllerAdvice(assignableTypes = Endpoints.class)
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	static class CatchAllAdvice {

		@ExceptionHandler
		Mono<String> anything(Exception ex) {
			return Mono.just("swallowed");
		}

	}

	@Bean
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/routed/thrown", (request) -> Mono.error(new UpgradeRequiredException(Protocol.TLS)))
			.GET("/routed/whoami", (request) -> request.principal()
				.map(Principal::getName)
				.defaultIfEmpty("anonymous")
				.flatMap((name) -> ServerResponse.ok().bodyValue(name)))
			.build();
	}

	// Ordered after the starter's filter, as filters without an order are: the exchange it passes on is not the one
	// the starter's filter looked the handler up with.
	@Bean
	WebFilter authenticationFilter() {
		Principal alice = () -> "alice";
		return (exchange, chain) -> chain.filter(exchange.mutate().principal(Mono.just(alice)).build());
	}

	@Bean
	HandlerMapping webSocketMapping() {
		WebSocketHandler echo = (session) -> session.send(session.receive().map((message) -> session
			.textMessage(message.getPayloadAsText())));
		return new SimpleUrlHandlerMapping(Map.of("/ws", echo), 1);
	}

	// Rewrites /alias/** to /**, ordered before the starter's filter as a filter that rewrites the request must be.
	@Bean
	@Order(-200)
	WebFilter aliasFilter() {
		return (exchange, chain) -> {
			String path = exchange.getRequest().getPath().value();
			if (!path.startsWith("/alias/")) {
				return chain.filter(exchange);
			}
			return chain.filter(exchange.mutate()
				.request((request) -> request.path(path.substring("/alias".length())))
				.build());
		};
	}

}
