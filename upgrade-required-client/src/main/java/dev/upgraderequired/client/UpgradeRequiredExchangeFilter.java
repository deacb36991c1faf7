package dev.upgraderequired.client;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code WebClient} filter that turns a {@code 426 Upgrade Required} response into an
 * {@link UpgradeRequiredWebClientResponseException} error, whether the response is then retrieved or exchanged.
 * Other responses pass unchanged; a successful one that announces the end of its protocol is told to
 * {@link UpgradeAnnouncements}.
 * <pre class="code">
 * WebClient client = WebClient.builder().filter(UpgradeRequiredExchangeFilter.INSTANCE).build();
 * client.get().uri("http://api.example/secure").retrieve().bodyToMono(String.class)
 *     .onErrorResume(UpgradeRequiredWebClientResponseException.class, (ex) -&gt; ...);
 * </pre>
 * With Spring Boot, the auto-configuration of this module adds it to every {@code WebClient.Builder} it provides
 * ({@code upgrade-required.client.enabled=false} turns that off).
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class UpgradeRequiredExchangeFilter implements ExchangeFilterFunction {

	/**
	 * The filter, which tells announcements of a protocol's end to {@link UpgradeAnnouncements#LOGGING}.
	 */
	public static final UpgradeRequiredExchangeFilter INSTANCE = new UpgradeRequiredExchangeFilter(
			UpgradeAnnouncements.LOGGING);

	private final UpgradeAnnouncements announcements;

	private UpgradeRequiredExchangeFilter(UpgradeAnnouncements announcements) {
		this.announcements = announcements;
	}

	/**
	 * Return a filter that tells announcements of a protocol's end to the given instance.
	 * @param announcements what tells of announcements
	 * @return the filter
	 * @since 0.2.0
	 */
	public static UpgradeRequiredExchangeFilter of(UpgradeAnnouncements announcements) {
		return new UpgradeRequiredExchangeFilter(announcements);
	}

	/**
	 * Add the filter to a builder.
	 * @param builder the builder
	 * @return the builder
	 */
	public static WebClient.Builder register(WebClient.Builder builder) {
		return builder.filter(INSTANCE);
	}

	/**
	 * Add a filter that tells announcements of a protocol's end to the given instance to a builder.
	 * @param builder the builder
	 * @param announcements what tells of announcements
	 * @return the builder
	 * @since 0.2.0
	 */
	public static WebClient.Builder register(WebClient.Builder builder, UpgradeAnnouncements announcements) {
		return builder.filter(of(announcements));
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request).flatMap((response) -> {
			if (!UpgradeRequiredErrorHandler.isUpgradeRequired(response.statusCode())) {
				// Headers are copied only for a response that may announce something.
				if (UpgradeAnnouncements.mayAnnounce(response.statusCode(),
						!response.headers().header(UpgradeAnnouncements.SUNSET).isEmpty())) {
					this.announcements.inspect(request.url(), response.statusCode(),
							response.headers().asHttpHeaders());
				}
				return Mono.just(response);
			}
			HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(response.headers().asHttpHeaders());
			// Bounded, so that a huge body is not read into memory; the rest is released.
			return DataBufferUtils.takeUntilByteCount(response.bodyToFlux(DataBuffer.class), ProblemBody.MAX_BODY + 1)
				.as(DataBufferUtils::join)
				.map((buffer) -> {
					byte[] body = new byte[buffer.readableByteCount()];
					buffer.read(body);
					DataBufferUtils.release(buffer);
					return body;
				})
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> Mono.error(new UpgradeRequiredWebClientResponseException("", headers, body,
						response.request())));
		});
	}

}
