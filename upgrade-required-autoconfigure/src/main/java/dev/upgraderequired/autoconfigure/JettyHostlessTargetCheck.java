package dev.upgraderequired.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

import org.springframework.boot.jetty.JettyServerCustomizer;

/**
 * Answers 400 on Jetty to an absolute-form request target without a host, such as {@code OPTIONS wss:// HTTP/1.1},
 * which RFC 9110 (section 4.2.1) says to reject as invalid: Jetty's own TLS check ({@code SecureRequestCustomizer}'s
 * SNI check) fails on it with a {@code NullPointerException}, answered 500. Runs first on every connector, TLS and
 * cleartext alike, for Spring MVC and WebFlux.
 *
 * @author upgrade-required
 */
final class JettyHostlessTargetCheck implements HttpConfiguration.Customizer, JettyServerCustomizer {

	static final JettyHostlessTargetCheck INSTANCE = new JettyHostlessTargetCheck();

	private JettyHostlessTargetCheck() {
	}

	@Override
	public void customize(Server server) {
		for (Connector connector : server.getConnectors()) {
			for (ConnectionFactory factory : connector.getConnectionFactories()) {
				if (factory instanceof HttpConfiguration.ConnectionFactory http) {
					HttpConfiguration configuration = http.getHttpConfiguration();
					if (!configuration.getCustomizers().contains(this)) {
						List<HttpConfiguration.Customizer> customizers = new ArrayList<>();
						customizers.add(this);
						customizers.addAll(configuration.getCustomizers());
						configuration.setCustomizers(customizers);
					}
				}
			}
		}
	}

	@Override
	public Request customize(Request request, HttpFields.Mutable responseHeaders) {
		HttpURI uri = request.getHttpURI();
		if (uri.isAbsolute() && (uri.getHost() == null || uri.getHost().isEmpty())) {
			throw new BadMessageException(400, "No host in an absolute-form request target");
		}
		return request;
	}

}
