package dev.upgraderequired.autoconfigure.cleartext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Names {@code upgrade-required.cleartext.port} when the port that could not be bound is the cleartext listener's,
 * ahead of Boot's reports, which speak of the application's own port.
 *
 * @author upgrade-required
 */
class CleartextPortInUseFailureAnalyzer implements FailureAnalyzer, Ordered {

	static final String TOMCAT_FAILURE = "org.springframework.boot.tomcat.ConnectorStartFailedException";

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent(TOMCAT_FAILURE,
			CleartextPortInUseFailureAnalyzer.class.getClassLoader());

	private final Environment environment;

	CleartextPortInUseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		Integer port = this.environment.getProperty(CleartextPort.PROPERTY, Integer.class);
		boolean enabled = this.environment.getProperty("upgrade-required.enabled", Boolean.class,
				true);
		if (!enabled || port == null || port == 0) {
			return null;
		}
		Throwable candidate = failure;
		// Bounded, because a cause chain can be a cycle.
		for (int depth = 0; candidate != null && depth < 16; depth++, candidate = candidate.getCause()) {
			if (port.equals(failedPort(candidate))) {
				return new FailureAnalysis(("The cleartext listener of upgrade-required could not be opened on port %d "
						+ "(%s): the port may already be in use.").formatted(port, CleartextPort.PROPERTY),
						("Identify and stop the process that listens on port %d, or set %s to another port (0 for any "
								+ "free port).").formatted(port, CleartextPort.PROPERTY),
						failure);
			}
		}
		return null;
	}

	private static @Nullable Integer failedPort(Throwable candidate) {
		if (candidate instanceof PortInUseException portInUse) {
			return portInUse.getPort();
		}
		return TOMCAT_PRESENT ? TomcatConnectorFailure.port(candidate) : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Loaded only with Tomcat on the classpath.
	 */
	private static final class TomcatConnectorFailure {

		static @Nullable Integer port(Throwable candidate) {
			return (candidate instanceof ConnectorStartFailedException failed) ? failed.getPort() : null;
		}

	}

}
