package dev.upgraderequired.benchmarks.index;

import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;

import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The generated application of the index benchmarks, for both stacks: {@code endpoints} pattern endpoints
 * ({@code /c7/e2/{id}}, each with an open {@code GET} and, for three in four, a {@code POST} that requires TLS),
 * {@code rules} path rules ({@code /r7/**}, requiring TLS), and a resource handler for {@code /**} in a later mapping.
 *
 * @author upgrade-required
 */
public final class GeneratedInventory {

	private GeneratedInventory() {
	}

	/**
	 * Return a policy with the rules, whose handlers are not indexed yet.
	 * @param rules the number of path rules
	 * @return the policy
	 */
	public static UpgradePolicy policy(int rules) {
		UpgradePolicy.Builder builder = UpgradePolicy.builder()
			.httpsPort(() -> 8443)
			.resolver((handler) -> (handler instanceof SecureHandler) ? ProtocolRequirement.tls() : null);
		for (int i = 0; i < rules; i++) {
			builder.rule("/r" + i + "/**", "rules[" + i + "].paths", Protocol.TLS, TlsVersion.ANY,
					"rules[" + i + "].min-tls-version");
		}
		return builder.build();
	}

	/**
	 * Return the handlers as an adapter lists them.
	 * @param endpoints the number of pattern endpoints
	 * @return the inventory
	 */
	public static HandlerInventory inventory(int endpoints) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.mapping(true);
		PathPatternParser parser = PathPatternParser.defaultInstance;
		SecureHandler secure = new SecureHandler();
		OpenHandler open = new OpenHandler();
		for (int i = 0; i < endpoints; i++) {
			String pattern = "/c" + segment(i / 40, 3) + "/e" + segment(i % 40, 2) + "/{id}";
			handlers.addParsed(List.of(parser.parse(pattern)), parser, List.of("GET"), open, "GET " + pattern);
			if (i % 4 != 0) {
				handlers.addParsed(List.of(parser.parse(pattern)), parser, List.of("POST"), secure, "POST " + pattern);
			}
		}
		handlers.mapping(false);
		handlers.addParsed(List.of(parser.parse("/**")), parser, List.of(), open, "resources");
		return handlers;
	}

	/**
	 * Return a policy with the rules and the endpoints indexed.
	 * @param endpoints the number of pattern endpoints
	 * @param rules the number of path rules
	 * @return the policy
	 */
	public static UpgradePolicy indexed(int endpoints, int rules) {
		UpgradePolicy policy = policy(rules);
		policy.index().index(inventory(endpoints));
		return policy;
	}

	/**
	 * Return a path of the last endpoint with a protected {@code POST}: as far into the index as any.
	 * @param endpoints the number of pattern endpoints
	 * @return the path
	 */
	public static String lastProtectedPath(int endpoints) {
		int last = ((endpoints - 1) % 4 == 0) ? endpoints - 2 : endpoints - 1;
		return "/c" + segment(last / 40, 3) + "/e" + segment(last % 40, 2) + "/42";
	}

	// A number written with as many digits whatever the size of the application: the paths of the smallest and the
	// largest are as long, and their decisions compare the size of the application, not the length of the path.
	private static String segment(int number, int digits) {
		return String.format("%0" + digits + "d", number);
	}

	// Stand for handler methods: requirements are resolved once per handler class.
	private static final class SecureHandler {

	}

	private static final class OpenHandler {

	}

}
