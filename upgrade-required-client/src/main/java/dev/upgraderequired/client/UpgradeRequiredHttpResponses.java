package dev.upgraderequired.client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Reads a {@code 426 Upgrade Required} response of the JDK {@link java.net.http.HttpClient}, whose body was read as
 * a {@code String} or {@code byte[]} (other bodies give the headers only).
 * <pre class="code">
 * HttpResponse&lt;String&gt; response = UpgradeRequiredHttpResponses
 *     .check(client.send(request, BodyHandlers.ofString()));
 * </pre>
 * throws an {@link UpgradeRequiredResponseException} for a 426 and returns any other response as it is, after telling
 * an announcement of its protocol's end to {@link UpgradeAnnouncements}. The client
 * is not retried: repeat the request over the {@link UpgradeRequired#httpsUrl() https URL} yourself if you may.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredHttpResponses {

	private UpgradeRequiredHttpResponses() {
	}

	/**
	 * Return what a 426 response tells.
	 * @param response the response
	 * @return what it tells, empty if its status is not 426
	 */
	public static Optional<UpgradeRequired> of(HttpResponse<?> response) {
		return (response.statusCode() == UpgradeRequired.STATUS)
				? Optional.of(UpgradeRequired.of(headers(response), body(response))) : Optional.empty();
	}

	/**
	 * Throw for a 426 response, return any other.
	 * @param <T> the type of the body
	 * @param response the response
	 * @return the response, if its status is not 426
	 * @throws UpgradeRequiredResponseException if its status is 426
	 */
	public static <T> HttpResponse<T> check(HttpResponse<T> response) {
		return check(response, UpgradeAnnouncements.LOGGING);
	}

	/**
	 * Throw for a 426 response, return any other, telling an announcement of its protocol's end to the given
	 * instance.
	 * @param <T> the type of the body
	 * @param response the response
	 * @param announcements what tells of announcements
	 * @return the response, if its status is not 426
	 * @throws UpgradeRequiredResponseException if its status is 426
	 * @since 0.2.0
	 */
	public static <T> HttpResponse<T> check(HttpResponse<T> response, UpgradeAnnouncements announcements) {
		if (response.statusCode() == UpgradeRequired.STATUS) {
			throw new UpgradeRequiredResponseException("", headers(response), body(response));
		}
		HttpStatusCode status = HttpStatusCode.valueOf(response.statusCode());
		// Headers are copied only for a response that may announce something.
		if (UpgradeAnnouncements.mayAnnounce(status,
				response.headers().firstValue(UpgradeAnnouncements.SUNSET).isPresent())) {
			announcements.inspect(response.uri(), status, headers(response));
		}
		return response;
	}

	private static HttpHeaders headers(HttpResponse<?> response) {
		HttpHeaders headers = new HttpHeaders();
		response.headers().map().forEach(headers::addAll);
		return HttpHeaders.readOnlyHttpHeaders(headers);
	}

	private static byte @Nullable [] body(HttpResponse<?> response) {
		Object body = response.body();
		if (body instanceof byte[] bytes) {
			return Arrays.copyOf(bytes, Math.min(bytes.length, ProblemBody.MAX_BODY + 1));
		}
		if (body instanceof String string) {
			return string.substring(0, Math.min(string.length(), ProblemBody.MAX_BODY + 1))
				.getBytes(StandardCharsets.UTF_8);
		}
		return null;
	}

}
