/**
 * Test support: make a mock request look like TLS of a given version, HTTP/2 or a WebSocket handshake, exactly as
 * the starter reads those facts ({@link UpgradeRequiredRequests} for {@code MockMvc} and {@code MockMvcTester},
 * {@link UpgradeRequiredExchanges} for {@code WebTestClient} on mock exchanges), and assert a 426
 * ({@link UpgradeRequiredAssertions}).
 */
@NullMarked
package dev.upgraderequired.test;

import org.jspecify.annotations.NullMarked;
