package dev.upgraderequired;

import java.util.List;

import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.RequestFacts;
import dev.upgraderequired.core.UpgradeDecider;
import dev.upgraderequired.core.UpgradeResponder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A {@link ResponseStatusException} for {@code 426 Upgrade Required} that carries the {@code Upgrade} header
 * (which a plain {@code ResponseStatusException} never sends) and an RFC 9457 problem body naming the protocols
 * to switch to.
 * <p>
 * Throw it from your own code with what the endpoint requires; on Spring MVC the response is then decided against
 * the actual request and is exactly the one {@link RequiresProtocol} produces (for example without
 * {@code Upgrade} and {@code Connection} on HTTP/2). Elsewhere {@link #getHeaders()} and {@link #getBody()}
 * describe a cleartext HTTP/1.1 request that offers nothing.
 * <p>
 * Refusing a request is routine, not a failure: this exception does not record a stack trace.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredException extends ResponseStatusException {

	private static final long serialVersionUID = 1L;

	private static final UpgradeResponder DEFAULT_RESPONDER = new UpgradeResponder(null);

	private static final RequestFacts<Object> NOTHING_OFFERED = new NothingOffered();

	private final transient ProtocolRequirement requirement;

	private final transient Rejection rejection;

	/**
	 * Create an exception for an endpoint that requires a protocol.
	 * @param protocol the required protocol
	 */
	public UpgradeRequiredException(Protocol protocol) {
		this(ProtocolRequirement.of(protocol, null));
	}

	/**
	 * Create an exception for an endpoint with a requirement, such as
	 * {@code ProtocolRequirement.tls(TlsVersion.TLS_1_3)}.
	 * @param requirement what the endpoint requires; not {@link ProtocolRequirement#none()}
	 */
	public UpgradeRequiredException(ProtocolRequirement requirement) {
		this(requirement, defaultRejection(requirement));
	}

	/**
	 * Create an exception for a decided rejection.
	 * @param rejection the rejection
	 */
	public UpgradeRequiredException(Rejection rejection) {
		this(rejection.requirement(), rejection);
	}

	private UpgradeRequiredException(ProtocolRequirement requirement, Rejection rejection) {
		super(HttpStatus.UPGRADE_REQUIRED, rejection.detail());
		this.requirement = requirement;
		this.rejection = rejection;
		setType(DEFAULT_RESPONDER.type(rejection));
		setTitle(HttpStatus.UPGRADE_REQUIRED.getReasonPhrase());
		getBody().setProperty("upgrade", rejection.upgradeTokens());
	}

	private static Rejection defaultRejection(ProtocolRequirement requirement) {
		Rejection rejection = UpgradeDecider.decide(requirement, NOTHING_OFFERED, NOTHING_OFFERED);
		if (rejection == null) {
			throw new IllegalArgumentException("Requirement must not be none");
		}
		return rejection;
	}

	/**
	 * Return what the endpoint requires.
	 * @return the requirement
	 */
	public ProtocolRequirement getRequirement() {
		return this.requirement;
	}

	/**
	 * Return the rejection this exception describes when the request is not known.
	 * @return the rejection
	 */
	public Rejection getRejection() {
		return this.rejection;
	}

	/**
	 * Return {@code Upgrade}, {@code Connection: Upgrade} and {@code Cache-Control: no-store}, as for an HTTP/1.1
	 * exchange.
	 * @return the headers
	 */
	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		List<Rejection.Header> list = this.rejection.headers(true);
		for (Rejection.Header header : list) {
			headers.add(header.name(), header.value());
		}
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

	private static final class NothingOffered implements RequestFacts<Object> {

		@Override
		public boolean isSecure(Object request) {
			return false;
		}

		@Override
		public @Nullable String tlsProtocol(Object request) {
			return null;
		}

		@Override
		public boolean isHttp1(Object request) {
			return true;
		}

		@Override
		public boolean isWebSocketHandshake(Object request) {
			return false;
		}

		@Override
		public @Nullable String webSocketVersion(Object request) {
			return null;
		}

	}

}
