package dev.upgraderequired.core;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeRequiredException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request satisfies an endpoint's {@link ProtocolRequirement}. Requirements are checked in the
 * order a client has to fix them: TLS, then the TLS version, then HTTP/2, then the WebSocket handshake.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class UpgradeDecider {

	private UpgradeDecider() {
	}

	/**
	 * Decide whether a request may proceed.
	 * @param <R> the native request type
	 * @param requirement what the endpoint requires
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return {@code null} if the request may proceed, otherwise the rejection to send
	 */
	public static <R> @Nullable Rejection decide(ProtocolRequirement requirement, R request, RequestFacts<R> facts) {
		if (requirement.isNone()) {
			return null;
		}
		boolean secure = facts.isSecure(request);
		if (requirement.requiresTls()) {
			if (!secure) {
				return Rejection.of(requirement, UpgradeReason.TLS_REQUIRED, false);
			}
			TlsVersion min = requirement.minTlsVersion();
			if (min != null) {
				// Behind a TLS-terminating proxy the version is unknown: the proxy has to enforce it.
				String negotiated = facts.tlsProtocol(request);
				if (negotiated != null && !min.isSatisfiedBy(negotiated)) {
					return Rejection.of(requirement, UpgradeReason.TLS_VERSION_TOO_OLD, true);
				}
			}
		}
		if (requirement.requiresHttp2() && facts.isHttp1(request)) {
			return Rejection.of(requirement, UpgradeReason.HTTP2_REQUIRED, secure);
		}
		if (requirement.requiresWebSocket()) {
			if (!facts.isWebSocketHandshake(request)) {
				return Rejection.of(requirement, UpgradeReason.WEBSOCKET_REQUIRED, secure);
			}
			if (!Rejection.WEBSOCKET_VERSION.equals(trim(facts.webSocketVersion(request)))) {
				return Rejection.of(requirement, UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED, secure);
			}
		}
		return null;
	}

	/**
	 * Decide how to answer a failed request: if an {@link UpgradeRequiredException} is the failure or one of its
	 * causes, the rejection its requirement calls for on this request (so the headers suit its HTTP version), or
	 * the exception's own rejection if the request happens to satisfy it.
	 * @param <R> the native request type
	 * @param failure what the request failed with
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return the rejection to send, or {@code null} if the failure is not about an upgrade
	 */
	public static <R> @Nullable Rejection decideFailure(Throwable failure, R request, RequestFacts<R> facts) {
		// Bounded, because a cause chain can be a cycle; frameworks wrap what handshake interceptors throw.
		Throwable candidate = failure;
		for (int depth = 0; candidate != null && depth < 16; depth++, candidate = candidate.getCause()) {
			if (candidate instanceof UpgradeRequiredException upgradeRequired) {
				Rejection rejection = decide(upgradeRequired.getRequirement(), request, facts);
				return (rejection != null) ? rejection : upgradeRequired.getRejection();
			}
		}
		return null;
	}

	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.trim() : null;
	}

}
