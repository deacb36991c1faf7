package dev.upgraderequired.client;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * A {@code 426 Upgrade Required} response, for {@code WebClient}: a {@link WebClientResponseException} (so existing
 * handlers of WebClient errors still catch it) with what the response tells, in {@link #getUpgradeRequired()}.
 * <p>
 * Retrying the same request cannot succeed: the client has to change its protocol first.
 *
 * @author upgrade-required
 * @since 0.2.0
 * @see UpgradeRequiredExchangeFilter
 */
public class UpgradeRequiredWebClientResponseException extends WebClientResponseException {

	private static final long serialVersionUID = 1L;

	// Not serialized: read again from the response's headers and body.
	private transient @Nullable UpgradeRequired upgradeRequired;

	/**
	 * Create an exception for a 426 response.
	 * @param statusText the reason phrase, empty if none (as over HTTP/2)
	 * @param headers the response headers
	 * @param body the response body, {@code null} if none
	 * @param request the request, {@code null} if unknown
	 */
	public UpgradeRequiredWebClientResponseException(String statusText, HttpHeaders headers, byte @Nullable [] body,
			@Nullable HttpRequest request) {
		this(UpgradeRequired.of(headers, body), statusText, headers, body, request);
	}

	private UpgradeRequiredWebClientResponseException(UpgradeRequired upgradeRequired, String statusText,
			HttpHeaders headers, byte @Nullable [] body, @Nullable HttpRequest request) {
		super(upgradeRequired.toString(), HttpStatusCode.valueOf(UpgradeRequired.STATUS), statusText, headers, body,
				StandardCharsets.UTF_8, request);
		this.upgradeRequired = upgradeRequired;
	}

	/**
	 * Return what the response tells: the protocols to switch to, the problem and the https URL.
	 * @return the parsed response
	 */
	public UpgradeRequired getUpgradeRequired() {
		UpgradeRequired upgradeRequired = this.upgradeRequired;
		if (upgradeRequired == null) {
			HttpHeaders headers = getHeaders();
			upgradeRequired = UpgradeRequired.of((headers != null) ? headers : HttpHeaders.EMPTY,
					getResponseBodyAsByteArray());
			this.upgradeRequired = upgradeRequired;
		}
		return upgradeRequired;
	}

}
