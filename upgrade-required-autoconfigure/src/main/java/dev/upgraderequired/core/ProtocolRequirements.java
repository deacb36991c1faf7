package dev.upgraderequired.core;

import java.util.Locale;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;

/**
 * Builds a {@link ProtocolRequirement} from declared values, an annotation's or a configuration property's, and
 * reports invalid ones the same way for both.
 *
 * @author upgrade-required
 */
final class ProtocolRequirements {

	private ProtocolRequirements() {
	}

	/**
	 * Return the requirement for a protocol and a minimum TLS version.
	 * @param protocol the protocol
	 * @param minTlsVersion the minimum TLS version, {@link TlsVersion#ANY} for none
	 * @param minTlsVersionSource where the minimum TLS version is declared, for the failure message
	 * @param property whether it is declared by a property, whose spelling the failure message then uses, rather
	 * than by an annotation
	 * @return the requirement
	 * @throws InvalidRequirementException if a minimum TLS version is declared for another protocol than TLS
	 */
	static ProtocolRequirement of(Protocol protocol, TlsVersion minTlsVersion, String minTlsVersionSource,
			boolean property) {
		if (minTlsVersion != TlsVersion.ANY && protocol != Protocol.TLS) {
			throw new InvalidRequirementException(minTlsVersionSource,
					property ? minTlsVersion.version() : "TlsVersion." + minTlsVersion.name(),
					property ? "a minimum TLS version only with protocol tls, not "
							+ protocol.name().toLowerCase(Locale.ROOT).replace('_', '-') + "; any otherwise"
							: "a minimum TLS version only with Protocol.TLS, not Protocol." + protocol.name()
									+ "; TlsVersion.ANY otherwise");
		}
		return ProtocolRequirement.of(protocol, minTlsVersion);
	}

}
