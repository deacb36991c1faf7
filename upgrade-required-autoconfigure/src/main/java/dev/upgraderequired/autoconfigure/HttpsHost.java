package dev.upgraderequired.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code upgrade-required.https-host}: a host name, or an IP address (IPv6 in brackets), without scheme, port
 * or path.
 *
 * @author upgrade-required
 */
final class HttpsHost {

	// Labels of letters, digits and hyphens (a dotted IPv4 address among them), as RFC 3986's reg-name allows them.
	private static final Pattern NAME = Pattern
		.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private HttpsHost() {
	}

	/**
	 * Return the host as the https URL carries it, IPv6 addresses without their brackets.
	 * @param value the configured value
	 * @return the host, {@code null} if the value is not one
	 */
	static @Nullable String of(String value) {
		String trimmed = value.trim();
		boolean ipv6 = trimmed.startsWith("[") && trimmed.endsWith("]");
		String bare = ipv6 ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
		boolean valid = ipv6 ? IPV6.matcher(bare).matches() && bare.indexOf(':') >= 0 : NAME.matcher(bare).matches();
		return valid ? bare : null;
	}

}
