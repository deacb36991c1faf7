package dev.upgraderequired.sample;

import java.util.Map;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint per kind of requirement; each answers with what the request arrived on.
 *
 * @author upgrade-required
 */
@RestController
@RequestMapping("/api")
class ApiController {

	@GetMapping("/hello")
	Map<String, Object> hello(HttpServletRequest request) {
		return describe("hello", request);
	}

	@RequiresProtocol(Protocol.TLS)
	@GetMapping("/secure")
	Map<String, Object> secure(HttpServletRequest request) {
		return describe("secure", request);
	}

	@RequiresProtocol(value = Protocol.TLS, minTlsVersion = "1.3")
	@GetMapping("/modern")
	Map<String, Object> modern(HttpServletRequest request) {
		return describe("modern", request);
	}

	@RequiresProtocol(Protocol.HTTP_2)
	@GetMapping("/stream")
	Map<String, Object> stream(HttpServletRequest request) {
		return describe("stream", request);
	}

	static Map<String, Object> describe(String endpoint, HttpServletRequest request) {
		Object tls = request.getAttribute("jakarta.servlet.request.secure_protocol");
		return Map.of("endpoint", endpoint, "protocol", request.getProtocol(), "secure", request.isSecure(), "tls",
				(tls != null) ? tls : "none");
	}

}
