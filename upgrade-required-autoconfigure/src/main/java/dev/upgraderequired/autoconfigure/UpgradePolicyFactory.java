package dev.upgraderequired.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.core.Rollout;
import dev.upgraderequired.core.UpgradePolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link UpgradePolicy} from the bound {@link UpgradeRequiredProperties}, checking what binding each value
 * alone could not: every rule (its protocol, its paths and their syntax, a minimum TLS version only with TLS), named
 * by its index, and a report-only requirement given a date as well.
 *
 * @author upgrade-required
 */
final class UpgradePolicyFactory {

	private static final Log logger = LogFactory.getLog(UpgradePolicyFactory.class);

	private final UpgradeRequiredProperties properties;

	UpgradePolicyFactory(UpgradeRequiredProperties properties) {
		this.properties = properties;
	}

	/**
	 * Build the policy.
	 * @param resolvers the application's resolvers, in order
	 * @param observers the refusal observers, in order
	 * @param localHttpsPort supplies the port of the application's own TLS listener, {@code null} if it has none
	 * @param springSecurity whether Spring Security's filter chain is present, which writes
	 * {@code Strict-Transport-Security} itself
	 * @return the policy
	 * @throws InvalidRequirementException naming the first invalid property
	 */
	UpgradePolicy create(Stream<HandlerRequirementResolver> resolvers, Stream<RefusalObserver> observers,
			@Nullable IntSupplier localHttpsPort, boolean springSecurity, Clock clock) {
		UpgradeRequiredProperties properties = this.properties;
		UpgradePolicy.Builder builder = UpgradePolicy.builder()
			.filterOrder(properties.getFilterOrder())
			.problemTypeBase(properties.getProblem().getTypeBase())
			.httpsHost(httpsHost())
			.browserRedirect(properties.getBrowserRedirect().isEnabled())
			.rollout(rollout(properties.isReportOnly(), properties.getEnforceFrom(), UpgradeRequiredProperties.PREFIX))
			.deprecationLink(properties.getDeprecationLink())
			.clock(clock);
		Integer httpsPort = properties.getHttpsPort();
		builder.httpsPort((httpsPort != null) ? httpsPort::intValue : (localHttpsPort != null) ? localHttpsPort : () -> -1);
		List<UpgradeRequiredProperties.Rule> rules = properties.getRules();
		for (int i = 0; i < rules.size(); i++) {
			addRule(builder, rules.get(i), UpgradeRequiredProperties.PREFIX + ".rules[" + i + "]");
		}
		UpgradeRequiredProperties.Hsts hsts = properties.getHsts();
		if (hsts.isEnabled() && springSecurity) {
			logger.warn(UpgradeRequiredProperties.PREFIX + ".hsts.enabled=true is ignored: Spring Security's filter "
					+ "chain is present, which writes Strict-Transport-Security by default (configure it there, with "
					+ "headers.httpStrictTransportSecurity(...) or headers.hsts(...))");
		}
		else if (hsts.isEnabled() && hsts.getMaxAge() != null) {
			builder.strictTransportSecurity(hsts.getMaxAge().toSeconds(), hsts.isIncludeSubDomains());
		}
		resolvers.forEach(builder::resolver);
		observers.forEach(builder::observer);
		return builder.build();
	}

	private @Nullable String httpsHost() {
		String host = this.properties.getHttpsHost();
		return (host == null || host.isBlank()) ? null : HttpsHost.of(host);
	}

	private static void addRule(UpgradePolicy.Builder builder, UpgradeRequiredProperties.Rule rule, String prefix) {
		Protocol protocol = rule.getProtocol();
		if (protocol == null) {
			throw new InvalidRequirementException(prefix + ".protocol", "", ProtocolConverter.ALLOWED);
		}
		List<String> paths = rule.getPaths();
		if (paths.isEmpty()) {
			throw new InvalidRequirementException(prefix + ".paths", "",
					"at least one path pattern starting with '/', such as /admin/**");
		}
		Boolean reportOnly = rule.getReportOnly();
		Rollout rollout = (reportOnly != null || rule.getEnforceFrom() != null)
				? rollout(Boolean.TRUE.equals(reportOnly), rule.getEnforceFrom(), prefix) : null;
		for (int i = 0; i < paths.size(); i++) {
			builder.rule(paths.get(i), prefix + ".paths[" + i + "]", protocol, rule.getMinTlsVersion(),
					prefix + ".min-tls-version", rollout);
		}
	}

	// A date for a requirement that is never enforced says two things at once: which one is meant cannot be told.
	private static Rollout rollout(boolean reportOnly, @Nullable Instant enforceFrom, String prefix) {
		if (enforceFrom == null) {
			return reportOnly ? Rollout.REPORT_ONLY : Rollout.ENFORCED;
		}
		if (reportOnly) {
			throw new InvalidRequirementException(prefix + ".enforce-from", enforceFrom.toString(),
					"no date together with " + prefix + ".report-only=true: report-only (never enforced) or a date "
							+ "from which it is enforced, not both");
		}
		return Rollout.from(enforceFrom, prefix + ".enforce-from");
	}

}
