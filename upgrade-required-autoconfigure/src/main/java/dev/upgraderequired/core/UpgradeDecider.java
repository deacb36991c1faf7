package dev.upgraderequired.core;

import java.util.function.Supplier;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequestFacts;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.UpgradeRequiredException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;

/**
 * Decides whether a request satisfies an endpoint's {@link ProtocolRequirement}. Requirements are checked in the
 * order a client has to fix them: TLS, then the TLS version, then HTTP/2, then the WebSocket handshake. A CORS
 * pre-flight is never refused: a browser's pre-flight cannot follow an upgrade, the actual request is refused
 * instead.
 *
 * @author upgrade-required
 */
final class UpgradeDecider {

	private UpgradeDecider() {
	}

	/**
	 * Decide whether a request may proceed.
	 * @param <R> the native request type
	 * @param requirement what the endpoint requires
	 * @param request the request
	 * @param facts reads what the request offers
	 * @return {@code null} if the request may proceed, otherwise the refusal to send
	 */
	static <R> @Nullable Refusal decide(ProtocolRequirement requirement, R request, RequestFacts<R> facts) {
		if (requirement.isNone() || isPreFlight(request, facts)) {
			return null;
		}
		boolean secure = facts.isSecure(request);
		if (requirement.requiresTls()) {
			if (!secure) {
				return Refusal.of(requirement, UpgradeReason.TLS_REQUIRED, false);
			}
			TlsVersion min = requirement.minTlsVersion();
			if (min != TlsVersion.ANY) {
				// Behind a TLS-terminating proxy the version is unknown: the proxy has to enforce it.
				String negotiated = facts.tlsProtocol(request);
				if (negotiated != null && !min.isSatisfiedBy(negotiated)) {
					return Refusal.of(requirement, UpgradeReason.TLS_VERSION_TOO_OLD, true);
				}
			}
		}
		if (requirement.requiresHttp2() && facts.isHttp1(request)) {
			return Refusal.of(requirement, UpgradeReason.HTTP2_REQUIRED, secure);
		}
		if (requirement.requiresWebSocket()) {
			if (!listsToken(facts.header(request, HttpHeaders.UPGRADE), "websocket")) {
				return Refusal.of(requirement, UpgradeReason.WEBSOCKET_REQUIRED, secure);
			}
			String version = facts.header(request, "Sec-WebSocket-Version");
			if (version == null || !version.trim().equals(Refusal.WEBSOCKET_VERSION)) {
				return Refusal.of(requirement, UpgradeReason.WEBSOCKET_VERSION_UNSUPPORTED, secure);
			}
		}
		return null;
	}

	/**
	 * Decide how to answer a request that failed.
	 * <ul>
	 * <li>An {@link UpgradeRequiredException} (the failure or one of its causes) is decided against the request, so
	 * that the headers suit its HTTP version; if the request meets its requirement, the answer is a 500: the
	 * application refused it for another reason than its protocol, and the client must not be told to upgrade to
	 * what it uses.</li>
	 * <li>A 406 or 415 (the request matched a protected endpoint but for the media types it consumes or produces)
	 * is a 426 if the best-matching endpoint's requirement refuses the request: the client has to upgrade
	 * first.</li>
	 * <li>A 405 (the path is mapped, but not for the request's method) is a 426 if what the path's endpoints
	 * require, whatever their methods, refuses the request: as for a plain {@code OPTIONS}, the resource is
	 * protected, and the client hears so before anything else (Spring Security's CSRF check included).</li>
	 * </ul>
	 * @param <R> the native request type
	 * @param failure what the request failed with
	 * @param request the request
	 * @param facts reads what the request offers
	 * @param mediaTypeRefused what the endpoints that a request refused for its media types would have required
	 * @param methodRefused what the endpoints mapped to the request's path for other methods require
	 * @return the refusal to send, or {@code null} if the failure is not about the protocol
	 */
	static <R> @Nullable Refusal decideFailure(Throwable failure, R request, RequestFacts<R> facts,
			Supplier<ProtocolRequirement> mediaTypeRefused, Supplier<ProtocolRequirement> methodRefused) {
		if (isPreFlight(request, facts)) {
			return null;
		}
		// Bounded, because a cause chain can be a cycle; frameworks wrap what handshake interceptors throw.
		Throwable candidate = failure;
		for (int depth = 0; candidate != null && depth < 16; depth++, candidate = candidate.getCause()) {
			if (candidate instanceof UpgradeRequiredException upgradeRequired) {
				ProtocolRequirement requirement = upgradeRequired.getRequirement();
				Refusal refusal = decide(requirement, request, facts);
				return (refusal != null) ? refusal.asThrown() : Refusal.alreadyMet(requirement);
			}
		}
		if (failure instanceof ErrorResponse response) {
			int status = response.getStatusCode().value();
			if (status == HttpStatus.NOT_ACCEPTABLE.value() || status == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
				return decide(mediaTypeRefused.get(), request, facts);
			}
			if (status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
				return decide(methodRefused.get(), request, facts);
			}
		}
		return null;
	}

	// An OPTIONS request with Origin and Access-Control-Request-Method, as Spring's CorsUtils tells it, both with a
	// value, as browsers send them: an empty one is no pre-flight, and no way around a plain OPTIONS's refusal.
	private static <R> boolean isPreFlight(R request, RequestFacts<R> facts) {
		return HttpMethod.OPTIONS.name().equals(facts.method(request))
				&& hasValue(facts.header(request, HttpHeaders.ORIGIN))
				&& hasValue(facts.header(request, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD));
	}

	private static boolean hasValue(@Nullable String header) {
		return header != null && !header.isBlank();
	}

	/**
	 * Whether a comma-separated header value lists exactly the given token, ignoring case and surrounding
	 * whitespace ({@code websocket/13} is not {@code websocket}).
	 * @param headerValue the header value, may be {@code null}
	 * @param token the token to look for
	 * @return whether the token is listed
	 */
	static boolean listsToken(@Nullable String headerValue, String token) {
		if (headerValue == null) {
			return false;
		}
		int length = headerValue.length();
		int start = 0;
		while (start < length) {
			int end = headerValue.indexOf(',', start);
			if (end < 0) {
				end = length;
			}
			int from = HeaderValues.skipWhitespace(headerValue, start, end);
			int to = HeaderValues.trimWhitespace(headerValue, from, end);
			if (to - from == token.length() && headerValue.regionMatches(true, from, token, 0, token.length())) {
				return true;
			}
			start = end + 1;
		}
		return false;
	}

}
