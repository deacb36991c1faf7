package dev.upgraderequired.sample;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint per kind of requirement; each answers with what the request arrived on. Serves both web stacks: the
 * connection comes from a request attribute that each stack's filter sets.
 *
 * @author upgrade-required
 */
@RestController
@RequestMapping("/api")
class ApiController {

	@GetMapping("/hello")
	Description hello(@RequestAttribute(ConnectionInfo.ATTRIBUTE) ConnectionInfo connection) {
		return describe("hello", connection);
	}

	@RequiresProtocol(Protocol.TLS)
	@GetMapping("/secure")
	Description secure(@RequestAttribute(ConnectionInfo.ATTRIBUTE) ConnectionInfo connection) {
		return describe("secure", connection);
	}

	@RequiresProtocol(value = Protocol.TLS, minTlsVersion = TlsVersion.TLS_1_3)
	@GetMapping("/modern")
	Description modern(@RequestAttribute(ConnectionInfo.ATTRIBUTE) ConnectionInfo connection) {
		return describe("modern", connection);
	}

	@RequiresProtocol(Protocol.HTTP_2)
	@GetMapping("/stream")
	Description stream(@RequestAttribute(ConnectionInfo.ATTRIBUTE) ConnectionInfo connection) {
		return describe("stream", connection);
	}

	// Protected by a staged rule (upgrade-required.rules[2]): TLS only from 2099 on.
	@GetMapping("/staged")
	Description staged(@RequestAttribute(ConnectionInfo.ATTRIBUTE) ConnectionInfo connection) {
		return describe("staged", connection);
	}

	static Description describe(String endpoint, ConnectionInfo connection) {
		return new Description(endpoint, connection.protocol(), connection.secure(), connection.tls());
	}

	/**
	 * The JSON body of every endpoint, with its members in a fixed order.
	 */
	record Description(String endpoint, String protocol, boolean secure, String tls) {
	}

}
