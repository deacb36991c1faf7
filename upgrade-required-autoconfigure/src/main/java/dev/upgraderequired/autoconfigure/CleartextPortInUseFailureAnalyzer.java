package dev.upgraderequired.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Names {@code upgrade-required.cleartext.port} when the port that could not be bound is the cleartext listener's,
 * ahead of Boot's reports, which speak of the application's own port.
 *
 * @author upgrade-required
 */
class CleartextPortInUseFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final String PROPERTY = UpgradeRequiredProperties.PREFIX + ".cleartext.port";

	private static final String TOMCAT_CONNECTOR_FAILURE = "org.springframework.boot.tomcat.ConnectorStartFailedException";

	private final Environment environment;

	CleartextPortInUseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		Integer configured = this.environment.getProperty(PROPERTY, Integer.class);
		if (configured == null || configured == 0) {
			return null;
		}
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (Objects.equals(configured, failedPort(candidate))) {
				return new FailureAnalysis(
						"The cleartext listener of upgrade-required could not be opened on port %d (%s): the port may already be in use."
							.formatted(configured, PROPERTY),
						"Identify and stop the process that listens on port %d, or set %s to another port (0 for any free port)."
							.formatted(configured, PROPERTY),
						failure);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	private static @Nullable Integer failedPort(Throwable candidate) {
		if (candidate instanceof PortInUseException portInUse) {
			return portInUse.getPort();
		}
		// By name first: the Tomcat class is only there with Tomcat.
		if (candidate.getClass().getName().equals(TOMCAT_CONNECTOR_FAILURE)) {
			return ((ConnectorStartFailedException) candidate).getPort();
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
