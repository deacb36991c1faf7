package dev.upgraderequired.servlet;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The controller the benchmarks decide on: the sample's two endpoints, and a path whose {@code GET} is open and
 * whose {@code POST} requires TLS.
 *
 * @author upgrade-required
 */
@RestController
@RequestMapping("/api")
class Api {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@RequiresProtocol(Protocol.TLS)
	@GetMapping("/secure")
	String secure() {
		return "secure";
	}

	@GetMapping("/report")
	String report() {
		return "report";
	}

	@RequiresProtocol(Protocol.TLS)
	@PostMapping("/report")
	String upload() {
		return "uploaded";
	}

	/**
	 * Return a {@code GET} request, as a server would present it.
	 * @param path the path
	 * @param tls whether the request came over TLS 1.3 (on port 8443) or cleartext (on port 8080)
	 * @return the request
	 */
	static MockHttpServletRequest get(String path, boolean tls) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServerName("localhost");
		request.setProtocol("HTTP/1.1");
		request.setServerPort(tls ? 8443 : 8080);
		if (tls) {
			request.setScheme("https");
			request.setSecure(true);
			// Where Tomcat exposes the negotiated protocol.
			request.setAttribute("jakarta.servlet.request.secure_protocol", "TLSv1.3");
		}
		return request;
	}

}
