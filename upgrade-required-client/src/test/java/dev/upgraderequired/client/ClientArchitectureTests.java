package dev.upgraderequired.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The client module knows nothing of servers: no servlet, no server-side Spring web stack, none of the starter's
 * server packages; and the client support itself needs neither WebFlux nor Spring Boot outside the classes that are
 * for them.
 */
class ClientArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.upgraderequired.client");

	@Test
	void noServerClassIsUsed() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..",
					"org.springframework.web.server..", "org.springframework.http.server..",
					"org.springframework.boot.web.server..", "org.apache.catalina..", "org.eclipse.jetty..",
					"dev.upgraderequired.core..", "dev.upgraderequired.servlet..", "dev.upgraderequired.reactive..",
					"dev.upgraderequired.server..", "dev.upgraderequired.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void onlyTheWebClientTypesUseWebFluxAndOnlyTheAutoConfigurationUsesSpringBoot() {
		noClasses().that()
			.doNotHaveSimpleName("UpgradeRequiredExchangeFilter")
			.and()
			.doNotHaveSimpleName("UpgradeRequiredWebClientResponseException")
			.and()
			.resideOutsideOfPackage("dev.upgraderequired.client.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.reactive..", "reactor..", "org.springframework.boot..")
			.check(CLASSES);
	}

}
