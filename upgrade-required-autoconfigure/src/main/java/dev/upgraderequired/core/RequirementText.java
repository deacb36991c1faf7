package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Reads a requirement as written in configuration: protocols ({@code tls}, {@code http-2}, {@code websocket}, in
 * any letter case, with any punctuation or none, as Spring Boot binds an enum) and minimum TLS versions ({@code 1.2}
 * or {@code 1.3}, optionally prefixed with {@code TLS}, {@code TLSv} or {@code TLS/}), and when it is enforced.
 * <p>
 * For upgrade-required's own modules.
 *
 * @author upgrade-required
 * @since 0.2.0
 */
public final class RequirementText {

	/**
	 * The protocols, for a failure message.
	 */
	public static final String PROTOCOLS = "one of tls, http-2, websocket";

	/**
	 * The minimum TLS versions, for a failure message.
	 */
	public static final String TLS_VERSIONS = "one of 1.2, 1.3, any";

	private static final String TOKENS = "protocols (" + PROTOCOLS + ") and at most one minimum TLS version (1.2 or "
			+ "1.3, with tls), such as TLS or TLS,1.3 or TLS,HTTP_2";

	private static final String REPORT_ONLY = "report-only";

	private static final String ENFORCE_FROM = "enforce-from=";

	private static final String ROUTE_ARGUMENTS = "one or more protocols (tls, http-2, websocket), at most one minimum "
			+ "TLS version (1.2 or 1.3, with tls), and report-only or enforce-from=<ISO-8601 instant>, such as TLS,1.3 "
			+ "or TLS,enforce-from=2027-03-01T00:00:00Z";

	private RequirementText() {
	}

	/**
	 * Read a protocol.
	 * @param text the text, such as {@code tls} or {@code HTTP_2}
	 * @return the protocol, {@code null} if the text names none
	 */
	public static @Nullable Protocol protocol(String text) {
		String value = lettersAndDigits(text);
		for (Protocol protocol : Protocol.values()) {
			if (lettersAndDigits(protocol.name()).equals(value)) {
				return protocol;
			}
		}
		return null;
	}

	/**
	 * Read a minimum TLS version.
	 * @param text the text, such as {@code 1.3}, {@code TLSv1.3} or {@code any}
	 * @return the version, {@code null} if the text names none
	 */
	public static @Nullable TlsVersion tlsVersion(String text) {
		String value = text.trim();
		for (String prefix : new String[] { "TLSv", "TLS/", "TLS" }) {
			if (value.regionMatches(true, 0, prefix, 0, prefix.length()) && value.length() > prefix.length()
					&& Character.isDigit(value.charAt(prefix.length()))) {
				value = value.substring(prefix.length());
				break;
			}
		}
		for (TlsVersion version : TlsVersion.values()) {
			if (version.version().equalsIgnoreCase(value) || version.name().equalsIgnoreCase(value)
					|| version.name().replace('_', '-').equalsIgnoreCase(value)) {
				return version;
			}
		}
		return null;
	}

	/**
	 * Read a requirement written as a list: one or more protocols and at most one minimum TLS version, which needs
	 * {@code tls} among them, such as {@code TLS,1.3}.
	 * @param tokens the protocols and the version, in any order
	 * @param source where they are written, for the failure message
	 * @return the requirement
	 * @throws InvalidRequirementException if a token names nothing, none names a protocol, two name a version, or a
	 * version comes without {@code tls}
	 */
	public static ProtocolRequirement requirement(List<String> tokens, String source) {
		ProtocolRequirement requirement = ProtocolRequirement.none();
		TlsVersion minTlsVersion = null;
		for (String token : tokens) {
			Protocol protocol = protocol(token);
			TlsVersion version = (protocol == null) ? tlsVersion(token) : null;
			if (protocol != null) {
				requirement = requirement.and(ProtocolRequirement.of(protocol, TlsVersion.ANY));
			}
			else if (version != null && version != TlsVersion.ANY && minTlsVersion == null) {
				minTlsVersion = version;
			}
			else {
				throw new InvalidRequirementException(source, token, TOKENS);
			}
		}
		if (requirement.isNone() || (minTlsVersion != null && !requirement.requiresTls())) {
			throw new InvalidRequirementException(source, String.join(",", tokens), TOKENS);
		}
		return (minTlsVersion != null) ? requirement.and(ProtocolRequirement.tls(minTlsVersion)) : requirement;
	}

	/**
	 * Read when a requirement is enforced.
	 * @param reportOnly whether it is only reported
	 * @param enforceFrom the instant from which it is enforced, in ISO-8601 form, {@code null} or empty for none
	 * @param source where they are written, for the failure message
	 * @return the rollout, {@code null} if neither is set (the default rollout applies)
	 * @throws InvalidRequirementException if both are set, or the instant does not parse
	 */
	public static @Nullable Rollout rollout(boolean reportOnly, @Nullable String enforceFrom, String source) {
		boolean dated = enforceFrom != null && !enforceFrom.isBlank();
		if (reportOnly && dated) {
			throw new InvalidRequirementException(source, "report-only and enforce-from " + enforceFrom,
					"one of the two: a report-only requirement is never enforced");
		}
		return reportOnly ? Rollout.REPORT_ONLY : dated ? Rollout.from(Instants.parse(enforceFrom, source)) : null;
	}

	/**
	 * Read what a gateway route's {@code RequireProtocol} filter requires, and when: its arguments are protocols, at
	 * most one minimum TLS version (as {@link #requirement} reads them), and {@code report-only} or
	 * {@code enforce-from=} an instant (as {@link #rollout} reads them).
	 * @param arguments the arguments, each of which may hold several separated by commas
	 * @param source where they are written, for the failure message
	 * @return the requirement and its rollout
	 * @throws InvalidRequirementException if they are invalid
	 */
	public static Route.Part routeFilter(List<String> arguments, String source) {
		List<String> protocols = new ArrayList<>();
		boolean reportOnly = false;
		String enforceFrom = null;
		for (String argument : arguments) {
			for (String token : StringUtils.commaDelimitedListToStringArray(argument)) {
				String value = token.trim();
				if (value.equalsIgnoreCase(REPORT_ONLY) && !reportOnly) {
					reportOnly = true;
				}
				else if (value.regionMatches(true, 0, ENFORCE_FROM, 0, ENFORCE_FROM.length()) && enforceFrom == null) {
					enforceFrom = value.substring(ENFORCE_FROM.length());
				}
				else {
					protocols.add(value);
				}
			}
		}
		try {
			return new Route.Part(requirement(protocols, source), rollout(reportOnly, enforceFrom, source));
		}
		catch (InvalidRequirementException ex) {
			throw new InvalidRequirementException(ex.getSource(), ex.getValue(), ROUTE_ARGUMENTS);
		}
	}

	private static String lettersAndDigits(String text) {
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			if (Character.isLetterOrDigit(text.charAt(i))) {
				kept.append(Character.toLowerCase(text.charAt(i)));
			}
		}
		return kept.toString();
	}

}
