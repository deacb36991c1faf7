package dev.upgraderequired.benchmarks.comparator;

import dev.upgraderequired.benchmarks.comparator.Responses.Description;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints on WebFlux and Reactor Netty, where {@link ServerHttpRequest} tells neither the HTTP version nor the
 * TLS version: both come from the native Reactor Netty request, the TLS version from the {@link SslHandler} of its
 * channel (for an HTTP/2 stream, of the connection, the parent channel). Secure means an {@code https} request URI,
 * as Spring computes it.
 *
 * @author upgrade-required
 */
@RestController
@RequestMapping("/api")
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveApiController {

	@GetMapping("/hello")
	Description hello(ServerHttpRequest request) {
		return describe("hello", request);
	}

	@GetMapping("/secure")
	Description secure(ServerHttpRequest request) {
		if (!isSecure(request)) {
			throw Responses.upgradeRequired();
		}
		return describe("secure", request);
	}

	@GetMapping("/secure-entity")
	ResponseEntity<?> secureEntity(ServerHttpRequest request) {
		if (!isSecure(request)) {
			return Responses.upgradeRequiredEntity();
		}
		return ResponseEntity.ok(describe("secure-entity", request));
	}

	private static boolean isSecure(ServerHttpRequest request) {
		return "https".equals(request.getURI().getScheme());
	}

	private static Description describe(String endpoint, ServerHttpRequest request) {
		HttpServerRequest nettyRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		String tls = Responses.NO_TLS;
		if (nettyRequest instanceof Connection connection) {
			Channel channel = connection.channel();
			SslHandler sslHandler = channel.pipeline().get(SslHandler.class);
			if (sslHandler == null && channel.parent() != null) {
				sslHandler = channel.parent().pipeline().get(SslHandler.class);
			}
			if (sslHandler != null) {
				tls = sslHandler.engine().getSession().getProtocol();
			}
		}
		return new Description(endpoint, nettyRequest.version().text(), isSecure(request), tls);
	}

}
