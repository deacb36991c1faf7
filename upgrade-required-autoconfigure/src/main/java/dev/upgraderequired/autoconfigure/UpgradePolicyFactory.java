package dev.upgraderequired.autoconfigure;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.core.UpgradePolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link UpgradePolicy} from the bound {@link UpgradeRequiredProperties}, checking what binding each value
 * alone could not: every rule (its protocol, its paths and their syntax, a minimum TLS version only with TLS), named
 * by its index.
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
			@Nullable IntSupplier localHttpsPort, boolean springSecurity) {
		UpgradeRequiredProperties properties = this.properties;
		UpgradePolicy.Builder builder = UpgradePolicy.builder()
			.filterOrder(properties.getFilterOrder())
			.problemTypeBase(properties.getProblem().getTypeBase())
			.httpsHost(httpsHost())
			.browserRedirect(properties.getBrowserRedirect().isEnabled());
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
		for (int i = 0; i < paths.size(); i++) {
			builder.rule(paths.get(i), prefix + ".paths[" + i + "]", protocol, rule.getMinTlsVersion(),
					prefix + ".min-tls-version");
		}
	}

}
