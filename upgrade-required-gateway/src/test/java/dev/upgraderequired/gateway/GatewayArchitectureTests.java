package dev.upgraderequired.gateway;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway module translates each flavour's routes for its stack's adapter and the core: the WebFlux flavour
 * knows nothing of the servlet stack, the Web MVC flavour nothing of the reactive one, neither of the other flavour
 * nor of the servers; neither decides anything itself; public are only what applications use (the filters of each
 * flavour's Java DSL) and the auto-configurations.
 */
class GatewayArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.upgraderequired.gateway");

	@Test
	void eachFlavourUsesOnlyItsStacksAdapterAndTheCore() {
		noClasses().that()
			.resideInAPackage("..gateway.webflux..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..", "dev.upgraderequired.servlet..",
					"..gateway.webmvc..", "org.springframework.cloud.gateway.server.mvc..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..gateway.webmvc..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.reactive..", "org.springframework.web.server..",
					"reactor..", "dev.upgraderequired.reactive..", "..gateway.webflux..",
					"org.springframework.cloud.gateway.filter..", "org.springframework.cloud.gateway.route..")
			.check(CLASSES);
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.server..", "dev.upgraderequired.autoconfigure.cleartext..")
			.check(CLASSES);
		noClasses().that()
			.haveSimpleNameNotStartingWith("UpgradeRequiredGateway")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void onlyWhatApplicationsUseAndTheAutoConfigurationsArePublic() {
		List<String> used = List.of("dev.upgraderequired.gateway.webflux.RequireProtocolGatewayFilterFactory",
				"dev.upgraderequired.gateway.webflux.RequireProtocolGatewayFilterFactory$Config",
				"dev.upgraderequired.gateway.webmvc.RequireProtocolFilterFunctions",
				"dev.upgraderequired.gateway.webmvc.RequireProtocolFilterFunctions$FilterSupplier");
		classes().that()
			.arePublic()
			.should()
			.haveSimpleNameStartingWith("UpgradeRequiredGateway")
			.orShould()
			.haveNameMatching(String.join("|", used).replace("$", "\\$").replace(".", "\\."))
			.check(CLASSES);
		classes().that()
			.haveSimpleNameStartingWith("UpgradeRequiredGateway")
			.should()
			.haveModifier(JavaModifier.FINAL)
			.check(CLASSES);
	}

}
