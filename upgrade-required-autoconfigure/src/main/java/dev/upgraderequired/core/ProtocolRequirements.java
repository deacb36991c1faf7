package dev.upgraderequired.core;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ProtocolRequirement} from declared values, an annotation's or a configuration property's, and
 * reports invalid ones the same way for both.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public final class ProtocolRequirements {

	private ProtocolRequirements() {
	}

	/**
	 * Return the requirement for a protocol and an optional minimum TLS version.
	 * @param protocol the protocol
	 * @param minTlsVersion the minimum TLS version as declared, {@code null} or blank for none
	 * @param minTlsVersionSource where the minimum TLS version is declared, for the failure message
	 * @return the requirement
	 * @throws InvalidRequirementException if the version is not supported or the protocol is not TLS
	 */
	public static ProtocolRequirement of(Protocol protocol, @Nullable String minTlsVersion,
			String minTlsVersionSource) {
		if (minTlsVersion == null || minTlsVersion.isBlank()) {
			return ProtocolRequirement.of(protocol, null);
		}
		if (protocol != Protocol.TLS) {
			throw new InvalidRequirementException(minTlsVersionSource, minTlsVersion,
					"a minimum TLS version is only allowed with protocol tls, not " + protocol.value());
		}
		TlsVersion version = TlsVersion.parse(minTlsVersion);
		if (version == null) {
			throw new InvalidRequirementException(minTlsVersionSource, minTlsVersion,
					"allowed values are " + TlsVersion.supportedValues());
		}
		return ProtocolRequirement.tls(version);
	}

}
