package dev.upgraderequired.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway module translates a gateway's routes for the WebFlux adapter and the core: it knows nothing of the
 * servlet stack or the servers, decides nothing itself, and makes public only the filter's factory and its configuration
 * (which the Java DSL uses) and its auto-configuration.
 */
class GatewayArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.upgraderequired.gateway");

	@Test
	void onlyTheWebFluxAdapterAndTheCoreAreUsed() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..", "dev.upgraderequired.servlet..",
					"dev.upgraderequired.server..", "dev.upgraderequired.autoconfigure.cleartext..")
			.check(CLASSES);
		noClasses().that()
			.doNotHaveSimpleName("UpgradeRequiredGatewayAutoConfiguration")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.upgraderequired.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void onlyTheFilterFactoryAndTheAutoConfigurationArePublic() {
		classes().that()
			.arePublic()
			.should()
			.haveFullyQualifiedName(RequireProtocolGatewayFilterFactory.class.getName())
			.orShould()
			.haveFullyQualifiedName(RequireProtocolGatewayFilterFactory.Config.class.getName())
			.orShould()
			.haveFullyQualifiedName(UpgradeRequiredGatewayAutoConfiguration.class.getName())
			.check(CLASSES);
		classes().that()
			.haveSimpleName("UpgradeRequiredGatewayAutoConfiguration")
			.should()
			.haveModifier(JavaModifier.FINAL)
			.check(CLASSES);
	}

}
