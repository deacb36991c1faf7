package dev.upgraderequired.servlet;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeRequiredException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Application with one endpoint per case of the Spring MVC adapter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ WebMvcTestApplication.PlainController.class, WebMvcTestApplication.TlsController.class,
		WebMvcTestApplication.MethodController.class, WebMvcTestApplication.WebSocketEndpoint.class })
class WebMvcTestApplication {

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequiresProtocol(Protocol.TLS)
	@interface TlsOnly {

		@AliasFor(annotation = RequiresProtocol.class)
		TlsVersion minTlsVersion() default TlsVersion.ANY;

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequiresProtocol(Protocol.HTTP_2)
	@interface Http2Only {

	}

	@RestController
	static class PlainController {

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

		@GetMapping("/rule/thing")
		String ruled() {
			return "ruled";
		}

		@GetMapping("/thrown")
		String thrown() {
			throw new UpgradeRequiredException(ProtocolRequirement.tls(TlsVersion.TLS_1_3));
		}

		@GetMapping("/thrown-http2")
		String thrownHttp2() {
			throw new UpgradeRequiredException(Protocol.HTTP_2);
		}

	}

	@RestController
	@RequiresProtocol(Protocol.TLS)
	@RequestMapping("/class")
	static class TlsController {

		@GetMapping("/inherited")
		String inherited() {
			return "inherited";
		}

		@RequiresProtocol(Protocol.HTTP_2)
		@GetMapping("/overridden")
		String overridden() {
			return "overridden";
		}

	}

	@RestController
	static class MethodController {

		@RequiresProtocol(value = Protocol.TLS, minTlsVersion = TlsVersion.TLS_1_3)
		@GetMapping("/modern")
		String modern() {
			return "modern";
		}

		@RequiresProtocol(Protocol.HTTP_2)
		@GetMapping("/h2")
		String h2() {
			return "h2";
		}

		@TlsOnly
		@GetMapping("/meta")
		String meta() {
			return "meta";
		}

		@TlsOnly(minTlsVersion = TlsVersion.TLS_1_3)
		@GetMapping("/meta-modern")
		String metaModern() {
			return "meta-modern";
		}

		@TlsOnly
		@Http2Only
		@GetMapping("/tls-and-h2")
		String tlsAndH2() {
			return "tls-and-h2";
		}

		@TlsOnly
		@GetMapping(path = "/items/{id}", produces = "application/json")
		String item(@PathVariable String id) {
			return "{}";
		}

		@GetMapping(path = "/items/export", produces = "text/csv")
		String export() {
			return "a,b";
		}

		@TlsOnly
		@GetMapping(path = "/sibling", params = "admin", produces = "application/json")
		String protectedSibling() {
			return "{}";
		}

		@GetMapping(path = "/sibling", produces = "application/json")
		String sibling() {
			return "{}";
		}

		@TlsOnly
		@GetMapping(path = "/xml", produces = "application/xml")
		String xml() {
			return "<xml/>";
		}

		@TlsOnly
		@PostMapping(path = "/json-in", consumes = "application/json")
		String jsonIn(@RequestBody String body) {
			return body;
		}

	}

	@EnableWebSocket
	static class WebSocketEndpoint implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler(), "/ws");
			registry.addHandler(new TextWebSocketHandler(), "/ws-guarded").addInterceptors(new HandshakeInterceptor() {

				@Override
				public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
						WebSocketHandler handler, Map<String, Object> attributes) {
					if (!"https".equals(request.getURI().getScheme())) {
						throw new UpgradeRequiredException(Protocol.TLS);
					}
					return true;
				}

				@Override
				public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
						WebSocketHandler handler, @Nullable Exception exception) {
				}

			});
		}

	}

}
