package dev.upgraderequired.client;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * The {@code RestClient} status handler that turns a {@code 426 Upgrade Required} response into an
 * {@link UpgradeRequiredResponseException}. Other statuses are left to the client's other handlers; a successful
 * response that announces the end of its protocol is told to {@link UpgradeAnnouncements}.
 * <pre class="code">
 * RestClient client = UpgradeRequiredErrorHandler.register(RestClient.builder()).build();
 * try {
 *     client.get().uri("http://api.example/secure").retrieve().body(String.class);
 * }
 * catch (UpgradeRequiredResponseException ex) {
 *     URI https = ex.getUpgradeRequired().httpsUrl();
 *     // Repeat over https if this caller may, instead of retrying on cleartext.
 * }
 * </pre>
 * With Spring Boot, the auto-configuration of this module registers it on every {@code RestClient.Builder} it
 * provides ({@code upgrade-required.client.enabled=false} turns that off).
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredErrorHandler implements RestClient.ResponseSpec.ErrorHandler {

	private static final UpgradeRequiredErrorHandler INSTANCE = new UpgradeRequiredErrorHandler();

	private UpgradeRequiredErrorHandler() {
	}

	/**
	 * Register the handler for 426 responses on a builder, and notice announcements of a protocol's end in other
	 * responses with {@link UpgradeAnnouncements#LOGGING}.
	 * @param builder the builder
	 * @return the builder
	 */
	public static RestClient.Builder register(RestClient.Builder builder) {
		return register(builder, UpgradeAnnouncements.LOGGING);
	}

	/**
	 * Register the handler for 426 responses on a builder, and notice announcements of a protocol's end in other
	 * responses.
	 * @param builder the builder
	 * @param announcements what tells of announcements
	 * @return the builder
	 * @since 0.2.0
	 */
	public static RestClient.Builder register(RestClient.Builder builder, UpgradeAnnouncements announcements) {
		return builder.defaultStatusHandler(UpgradeRequiredErrorHandler::isUpgradeRequired, INSTANCE)
			.requestInterceptor((request, body, execution) -> {
				ClientHttpResponse response = execution.execute(request, body);
				announcements.inspect(request.getURI(), response.getStatusCode(), response.getHeaders());
				return response;
			});
	}

	/**
	 * Whether a status is {@code 426 Upgrade Required}.
	 * @param status the status
	 * @return whether it is 426
	 */
	public static boolean isUpgradeRequired(HttpStatusCode status) {
		return status.value() == UpgradeRequired.STATUS;
	}

	@Override
	public void handle(HttpRequest request, ClientHttpResponse response) throws IOException {
		throw new UpgradeRequiredResponseException(statusText(response), response.getHeaders(), body(response));
	}

	private static String statusText(ClientHttpResponse response) {
		try {
			return response.getStatusText();
		}
		catch (IOException ex) {
			return "";
		}
	}

	// Bounded, so that a huge body is not read into memory: only its beginning can be a problem worth reading.
	private static byte[] body(ClientHttpResponse response) throws IOException {
		try (InputStream in = response.getBody()) {
			return in.readNBytes(ProblemBody.MAX_BODY + 1);
		}
	}

}
