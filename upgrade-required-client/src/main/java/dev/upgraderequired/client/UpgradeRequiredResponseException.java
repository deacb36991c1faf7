package dev.upgraderequired.client;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;

/**
 * A {@code 426 Upgrade Required} response, for {@code RestClient}, {@code RestTemplate} and the JDK
 * {@code HttpClient}: an {@link HttpClientErrorException} (so existing handlers of client errors still catch it)
 * with what the response tells, in {@link #getUpgradeRequired()}.
 * <p>
 * Retrying the same request cannot succeed: the client has to change its protocol first.
 *
 * @author upgrade-required
 * @since 0.2.0
 * @see UpgradeRequiredErrorHandler
 * @see UpgradeRequiredHttpResponses
 */
public class UpgradeRequiredResponseException extends HttpClientErrorException {

	private static final long serialVersionUID = 1L;

	// Not serialized: read again from the response's headers and body.
	private transient @Nullable UpgradeRequired upgradeRequired;

	/**
	 * Create an exception for a 426 response.
	 * @param statusText the reason phrase, empty if none (as over HTTP/2)
	 * @param headers the response headers
	 * @param body the response body, {@code null} if none
	 */
	public UpgradeRequiredResponseException(String statusText, HttpHeaders headers, byte @Nullable [] body) {
		this(UpgradeRequired.of(headers, body), statusText, headers, body);
	}

	private UpgradeRequiredResponseException(UpgradeRequired upgradeRequired, String statusText, HttpHeaders headers,
			byte @Nullable [] body) {
		super(upgradeRequired.toString(), HttpStatusCode.valueOf(UpgradeRequired.STATUS), statusText, headers, body,
				StandardCharsets.UTF_8);
		this.upgradeRequired = upgradeRequired;
	}

	/**
	 * Return what the response tells: the protocols to switch to, the problem and the https URL.
	 * @return the parsed response
	 */
	public UpgradeRequired getUpgradeRequired() {
		UpgradeRequired upgradeRequired = this.upgradeRequired;
		if (upgradeRequired == null) {
			HttpHeaders headers = getResponseHeaders();
			upgradeRequired = UpgradeRequired.of((headers != null) ? headers : HttpHeaders.EMPTY,
					getResponseBodyAsByteArray());
			this.upgradeRequired = upgradeRequired;
		}
		return upgradeRequired;
	}

}
