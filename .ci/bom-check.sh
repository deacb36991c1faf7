#!/usr/bin/env bash
# bom-check.sh: after `./mvnw install`, a throwaway application outside the reactor imports the installed snapshot
# BOM and declares the starter, the client, the test and the gateway modules without versions, as docs/modules.md
# says; it must build (resolve, compile, and run a test that starts its context). Proves that the installed POMs hold
# no unresolved ${revision}. Exits non-zero on failure.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's:^-Drevision=\(.*\)$:\1:p' "$root/.mvn/maven.config" | head -n 1)
boot=$(sed -n 's:.*<spring-boot.version>\(.*\)</spring-boot.version>.*:\1:p' "$root/pom.xml" | head -n 1)
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT

mkdir -p "$app/src/main/java/bomcheck" "$app/src/test/java/bomcheck"
cat >"$app/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
	<modelVersion>4.0.0</modelVersion>
	<groupId>bomcheck</groupId>
	<artifactId>bomcheck</artifactId>
	<version>1</version>
	<properties>
		<maven.compiler.release>17</maven.compiler.release>
		<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
	</properties>
	<dependencyManagement>
		<dependencies>
			<dependency>
				<groupId>org.springframework.boot</groupId>
				<artifactId>spring-boot-dependencies</artifactId>
				<version>$boot</version>
				<type>pom</type>
				<scope>import</scope>
			</dependency>
			<dependency>
				<groupId>dev.upgraderequired</groupId>
				<artifactId>upgrade-required-bom</artifactId>
				<version>$version</version>
				<type>pom</type>
				<scope>import</scope>
			</dependency>
		</dependencies>
	</dependencyManagement>
	<dependencies>
		<dependency>
			<groupId>org.springframework.boot</groupId>
			<artifactId>spring-boot-starter-webmvc</artifactId>
		</dependency>
		<dependency>
			<groupId>dev.upgraderequired</groupId>
			<artifactId>upgrade-required-starter</artifactId>
		</dependency>
		<dependency>
			<groupId>dev.upgraderequired</groupId>
			<artifactId>upgrade-required-client</artifactId>
		</dependency>
		<!-- Without a gateway on the classpath: it must change nothing. -->
		<dependency>
			<groupId>dev.upgraderequired</groupId>
			<artifactId>upgrade-required-gateway</artifactId>
		</dependency>
		<dependency>
			<groupId>dev.upgraderequired</groupId>
			<artifactId>upgrade-required-test</artifactId>
			<scope>test</scope>
		</dependency>
		<dependency>
			<groupId>org.springframework.boot</groupId>
			<artifactId>spring-boot-starter-webmvc-test</artifactId>
			<scope>test</scope>
		</dependency>
	</dependencies>
</project>
POM
cat >"$app/src/main/java/bomcheck/BomCheckApplication.java" <<'JAVA'
package bomcheck;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class BomCheckApplication {

	@RequiresProtocol(Protocol.TLS)
	@GetMapping("/secure")
	String secure() {
		return "secure";
	}

	public static void main(String[] args) {
		SpringApplication.run(BomCheckApplication.class, args);
	}

}
JAVA
cat >"$app/src/test/java/bomcheck/BomCheckApplicationTests.java" <<'JAVA'
package bomcheck;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.upgraderequired.test.UpgradeRequiredAssertions.assertThatRefusal;

@SpringBootTest
@AutoConfigureMockMvc
class BomCheckApplicationTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void cleartextIsRefusedWith426() {
		assertThatRefusal(this.mvc.get().uri("/secure").exchange()).offersUpgradeTo("TLS/1.3", "TLS/1.2", "HTTP/1.1");
	}

}
JAVA
echo "== A throwaway application with the installed BOM $version (Spring Boot $boot)"
"$root/mvnw" -B -q -f "$app/pom.xml" test
echo "BOM check passed: the starter, client, test and gateway modules resolved from the installed BOM without versions"
