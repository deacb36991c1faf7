package dev.upgraderequired.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A server's announcement, in a successful response, that the protocol the request used will no longer be served
 * from a date: a {@code 2xx} with {@code Sunset} (RFC 8594) and an {@code Upgrade} advertisement (RFC 9110 §7.8) or,
 * over HTTP/2, which allows no {@code Upgrade} header, {@code Deprecation} (RFC 9745). upgrade-required's
 * {@code enforce-from} sends it before a requirement is enforced.
 *
 * @param url the URL of the request that was answered with it
 * @param protocols the protocols to move to, in the order the server prefers them; empty over HTTP/2
 * @param sunset when requests over the protocol used will be refused
 * @author upgrade-required
 * @since 0.2.0
 */
public record UpgradeAnnouncement(URI url, List<String> protocols, Instant sunset) {

	public UpgradeAnnouncement {
		protocols = List.copyOf(protocols);
	}

}
