package dev.upgraderequired.benchmarks.comparator;

import dev.upgraderequired.benchmarks.comparator.Responses.Description;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints on Spring MVC: Tomcat reports {@code HTTP/2.0} for h2, h2c upgrade and prior knowledge alike, and
 * the TLS version in a request attribute.
 *
 * @author upgrade-required
 */
@RestController
@RequestMapping("/api")
@ConditionalOnWebApplication(type = Type.SERVLET)
class ServletApiController {

	private static final String TLS_PROTOCOL_ATTRIBUTE = "jakarta.servlet.request.secure_protocol";

	@GetMapping("/hello")
	Description hello(HttpServletRequest request) {
		return describe("hello", request);
	}

	@GetMapping("/secure")
	Description secure(HttpServletRequest request) {
		if (!request.isSecure()) {
			throw Responses.upgradeRequired();
		}
		return describe("secure", request);
	}

	@GetMapping("/secure-entity")
	ResponseEntity<?> secureEntity(HttpServletRequest request) {
		if (!request.isSecure()) {
			return Responses.upgradeRequiredEntity();
		}
		return ResponseEntity.ok(describe("secure-entity", request));
	}

	private static Description describe(String endpoint, HttpServletRequest request) {
		Object tls = request.getAttribute(TLS_PROTOCOL_ATTRIBUTE);
		return new Description(endpoint, request.getProtocol(), request.isSecure(),
				(tls != null) ? tls.toString() : Responses.NO_TLS);
	}

}
