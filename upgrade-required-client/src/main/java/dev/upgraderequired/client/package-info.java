/**
 * Client support: a {@code 426 Upgrade Required} response as one typed exception that fits each client's own
 * exception hierarchy ({@link UpgradeRequiredResponseException} for {@code RestClient}, {@code RestTemplate} and the
 * JDK {@code HttpClient}, {@link UpgradeRequiredWebClientResponseException} for {@code WebClient}), both carrying the
 * parsed {@link UpgradeRequired} answer.
 * <p>
 * Nothing here retries a request: the client has to change the protocol (use TLS, a newer TLS version, HTTP/2 or a
 * WebSocket handshake), and repeating the request on the same connection setup can only be refused again. A caller
 * that may switch to the {@code https} URL the server offers does so explicitly, with
 * {@link UpgradeRequired#httpsUrl()}.
 */
@NullMarked
package dev.upgraderequired.client;

import org.jspecify.annotations.NullMarked;
