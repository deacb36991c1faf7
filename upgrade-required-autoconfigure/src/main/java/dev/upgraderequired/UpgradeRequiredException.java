package dev.upgraderequired;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A {@link ResponseStatusException} for {@code 426 Upgrade Required} that carries the {@code Upgrade} header
 * (which a plain {@code ResponseStatusException} never sends) and an RFC 9457 problem body naming the protocols
 * to switch to.
 * <p>
 * Throw it from your own code with what the endpoint requires. Where upgrade-required renders it (Spring MVC and
 * WebFlux, with the starter enabled), the response is decided against the actual request and is exactly the one
 * {@link RequiresProtocol} produces, for example without {@code Upgrade} and {@code Connection} on HTTP/2. A request
 * that already meets the requirement is not told to upgrade to what it uses: it gets {@code 500 Internal Server
 * Error}, since the application refused it for another reason than its protocol. Elsewhere {@link #getHeaders()}
 * and {@link #getBody()} describe a cleartext HTTP/1.1 request that offers none of the required protocols.
 * <p>
 * Refusing a request is routine, not a failure: this exception does not record a stack trace.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredException extends ResponseStatusException {

	private static final long serialVersionUID = 1L;

	private final transient ProtocolRequirement requirement;

	/**
	 * Create an exception for an endpoint that requires a protocol.
	 * @param protocol the required protocol
	 */
	public UpgradeRequiredException(Protocol protocol) {
		this(ProtocolRequirement.of(protocol, TlsVersion.ANY));
	}

	/**
	 * Create an exception for an endpoint with a requirement, such as
	 * {@code ProtocolRequirement.tls(TlsVersion.TLS_1_3)}.
	 * @param requirement what the endpoint requires; not {@link ProtocolRequirement#none()}
	 */
	public UpgradeRequiredException(ProtocolRequirement requirement) {
		super(HttpStatus.UPGRADE_REQUIRED, detail(requirement));
		this.requirement = requirement;
		setType(URI.create("about:blank"));
		setTitle(HttpStatus.UPGRADE_REQUIRED.getReasonPhrase());
		getBody().setProperty("upgrade", requirement.upgradeTokens());
	}

	private static String detail(ProtocolRequirement requirement) {
		if (requirement.isNone()) {
			throw new IllegalArgumentException("Requirement must not be none");
		}
		return "This resource requires " + requirement + ". Upgrade to one of: "
				+ String.join(", ", requirement.upgradeTokens()) + ".";
	}

	/**
	 * Return what the endpoint requires.
	 * @return the requirement
	 */
	public ProtocolRequirement getRequirement() {
		return this.requirement;
	}

	/**
	 * Return {@code Upgrade}, {@code Connection: Upgrade} and {@code Cache-Control: no-store}, as for a cleartext
	 * HTTP/1.1 exchange that offers none of the required protocols.
	 * @return the headers
	 */
	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		List<String> tokens = this.requirement.upgradeTokens();
		headers.set(HttpHeaders.UPGRADE, String.join(", ", tokens));
		headers.set(HttpHeaders.CONNECTION, "Upgrade");
		headers.setCacheControl("no-store");
		return HttpHeaders.readOnlyHttpHeaders(headers);
	}

	/**
	 * Does nothing: a refusal needs no stack trace, and filling one in would make refusing expensive.
	 * @return this exception
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
