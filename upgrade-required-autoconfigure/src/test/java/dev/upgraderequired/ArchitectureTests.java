package dev.upgraderequired;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependencies between the packages point one way: core to API, the servlet-container facts to core, the
 * adapters to core, auto-configuration to the adapters; the two adapters never import each other, the cleartext
 * listener (a package of the auto-configuration) imports neither adapter nor the core, and no package takes part in a
 * cycle.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.upgraderequired");

	@Test
	void noPackageTakesPartInACycle() {
		slices().matching("dev.upgraderequired.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void apiDependsOnNoOtherPackage() {
		noClasses().that()
			.resideInAPackage("dev.upgraderequired")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.upgraderequired.*..")
			.check(CLASSES);
	}

	@Test
	void coreDependsOnlyOnTheApi() {
		noClasses().that()
			.resideInAPackage("dev.upgraderequired.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.server..", "dev.upgraderequired.servlet..",
					"dev.upgraderequired.reactive..", "dev.upgraderequired.autoconfigure..")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "reactor..", "io.netty..", "org.eclipse.jetty..",
					"org.apache.catalina..", "org.springframework.boot..", "org.springframework.web.servlet..",
					"org.springframework.web.reactive..", "org.springframework.web.server..",
					"org.springframework.web.socket..", "org.springframework.http.server.reactive..", "io.micrometer..",
					"io.swagger..", "org.springdoc..")
			.check(CLASSES);
	}

	@Test
	void servletContainerFactsDependOnNoAdapter() {
		noClasses().that()
			.resideInAPackage("dev.upgraderequired.server..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.servlet..", "dev.upgraderequired.reactive..",
					"dev.upgraderequired.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void cleartextListenerDependsOnNoAdapterNorTheDecisionCore() {
		noClasses().that()
			.resideInAPackage("dev.upgraderequired.autoconfigure.cleartext..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.core..", "dev.upgraderequired.servlet..",
					"dev.upgraderequired.reactive..")
			.check(CLASSES);
	}

	@Test
	void springMvcAdapterDoesNotImportTheWebFluxAdapterNorTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("dev.upgraderequired.servlet..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.reactive..", "dev.upgraderequired.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void webFluxAdapterDoesNotImportTheSpringMvcAdapterNorTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("dev.upgraderequired.reactive..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.servlet..", "dev.upgraderequired.autoconfigure..")
			.check(CLASSES);
	}

}
