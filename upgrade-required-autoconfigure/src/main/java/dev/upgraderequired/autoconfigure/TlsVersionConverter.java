package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.RequirementText;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds a minimum TLS version as written in configuration: {@code 1.2} or {@code 1.3} (optionally prefixed with
 * {@code TLS}, {@code TLSv} or {@code TLS/}), {@code any}, or the enum constant's name.
 *
 * @author upgrade-required
 */
final class TlsVersionConverter implements Converter<String, TlsVersion> {

	static final String ALLOWED = RequirementText.TLS_VERSIONS;

	@Override
	public TlsVersion convert(String source) {
		TlsVersion version = RequirementText.tlsVersion(source);
		if (version == null) {
			throw new UnknownValueException(source, ALLOWED);
		}
		return version;
	}

}
