package dev.upgraderequired.reactive;

import org.jspecify.annotations.Nullable;

/**
 * What a request of a mock web environment says about its connection: a {@code ServerHttpRequest} (or a decorator
 * of one) that implements it tells the starter its TLS protocol and HTTP version where no server runs, such as
 * {@code WebTestClient} bound to an application context, a router or a controller, or {@code @WebFluxTest}. Ignored
 * where a server runs, whose own facts are the only ones read. The {@code upgrade-required-test} module's
 * {@code UpgradeRequiredExchanges} provides such requests.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public interface MockRequestProtocol {

	/**
	 * Return the TLS protocol the connection negotiated.
	 * @return the protocol, such as {@code TLSv1.3}, {@code null} for none (cleartext, or unknown)
	 */
	@Nullable String tlsProtocol();

	/**
	 * Whether the exchange is HTTP/2.
	 * @return whether the exchange is HTTP/2 rather than HTTP/1.1
	 */
	boolean isHttp2();

}
