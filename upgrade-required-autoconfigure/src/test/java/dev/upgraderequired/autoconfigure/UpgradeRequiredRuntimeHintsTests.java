package dev.upgraderequired.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.core.RequirementReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints that {@code META-INF/spring/aot.factories} registers, as a native image build would.
 */
class UpgradeRequiredRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@BeforeEach
	void registerHints() {
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void attributesOfTheAnnotationCanBeRead() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(RequiresProtocol.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_METHODS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(RequiresProtocol.class.getMethod("minTlsVersion"))).accepts(this.hints);
	}

	@Test
	void configurationMetadataThatTellsTheKnownPropertiesCanBeRead() {
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring-configuration-metadata.json"))
			.accepts(this.hints);
	}

	@Test
	void reportOfTheActuatorEndpointCanBeSerialized() throws Exception {
		for (Class<?> type : new Class<?>[] { RequirementReport.class, RequirementReport.Endpoint.class,
				RequirementReport.Source.class, RequirementReport.Rule.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(RequirementReport.Endpoint.class.getMethod("requirement"))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(RequirementReport.Source.class.getMethod("pattern"))).accepts(this.hints);
	}

	@Test
	void classesLookedUpByNameAreRegisteredWhereTheyArePresent() {
		List<String> present = new ArrayList<>();
		for (String type : new String[] { "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
				"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
				"org.springframework.boot.web.server.servlet.ServletWebServerFactory", "org.eclipse.jetty.io.EndPoint",
				"org.springframework.web.socket.server.support.WebSocketHttpRequestHandler",
				"org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
				"org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory",
				"org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory",
				"org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory",
				"org.springframework.boot.tomcat.ConnectorStartFailedException" }) {
			if (ClassUtils.isPresent(type, getClass().getClassLoader())) {
				assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type))).as(type)
					.accepts(this.hints);
				present.add(type);
			}
		}
		// This module's tests run on Tomcat and Reactor Netty, with Spring WebSocket.
		assertThat(present).contains("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
				"org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
				"org.springframework.web.socket.server.support.WebSocketHttpRequestHandler");
	}

}
