package dev.upgraderequired.servlet;

import java.net.URL;
import java.net.URLClassLoader;

import dev.upgraderequired.server.UnsupportedServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServletContainers}.
 */
class ServletContainersTests {

	private static final ClassLoader APPLICATION = ServletContainersTests.class.getClassLoader();

	@ParameterizedTest
	@CsvSource({ "Apache Tomcat/11.0.27, Tomcat", "jetty/12.1.14, Jetty", "Jetty/12.0.0, Jetty",
			"MockServletContext, Tomcat" })
	void containerIsKnownByItsServerInfo(String serverInfo, String container) {
		assertThat(ServletContainers.forServerInfo(serverInfo, APPLICATION, false)).hasToString(container);
	}

	@ParameterizedTest
	@ValueSource(strings = { "WildFly Full 38.0.0.Final", "GlassFish Server Open Source Edition 8.0.0", "Undertow",
			"", "tomcat" })
	void otherContainersFailTheStartup(String serverInfo) {
		assertThatExceptionOfType(UnsupportedServerException.class)
			.isThrownBy(() -> ServletContainers.forServerInfo(serverInfo, APPLICATION, false))
			.withMessageContaining(serverInfo + " (Spring MVC)");
	}

	@Test
	void jettyWhoseClassesTheApplicationCannotSeeFailsTheStartup() throws Exception {
		// A war's view of a standalone Jetty: the server's classes come from a loader the application does not share.
		try (URLClassLoader server = new URLClassLoader(new URL[] { jettyIo() }, null)) {
			assertThatExceptionOfType(UnsupportedServerException.class)
				.isThrownBy(() -> ServletContainers.forServerInfo("jetty/12.1.14", server, false))
				.withMessageContaining("a war deployment");
		}
	}

	private static URL jettyIo() {
		return org.eclipse.jetty.io.EndPoint.class.getProtectionDomain().getCodeSource().getLocation();
	}

}
