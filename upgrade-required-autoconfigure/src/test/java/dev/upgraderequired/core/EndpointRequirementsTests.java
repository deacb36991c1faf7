package dev.upgraderequired.core;

import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequiresProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EndpointRequirements}.
 */
class EndpointRequirementsTests {

	private final EndpointRequirements requirements = new EndpointRequirements(
			List.of(new PathRule(PathRule.parse("/admin/**"), ProtocolRequirement.tls(), Rollout.ENFORCED),
					new PathRule(PathRule.parse("/admin/stream"), ProtocolRequirement.http2(), Rollout.ENFORCED)),
			List.of(new RequiresProtocolResolver()), Rollout.ENFORCED);

	@ParameterizedTest
	@ValueSource(strings = { "/admin/status", "/%61dmin/status", "/ADMIN/Status", "/admin;jsessionid=1/status",
			"/admin//status", "//admin/status", "/admin/./status", "/./admin/status", "/x/../admin/status",
			"/admin/status/", "/admin", "/admin%2Fstatus", "/admin/%zz" })
	void rulesCannotBeDodgedBySpellingThePathDifferently(String path) {
		assertThat(this.requirements.forPath(path, "").requiresTls()).as(path).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/administrator", "/api/admin", "/adm", "", "/%2561dmin/status" })
	void otherPathsAreNotMatched(String path) {
		assertThat(this.requirements.forPath(path, "").isNone()).as(path).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admins/x", "/ADMx/x", "/acme/billing", "/acme/billing/2026", "/api/V1/x", "/API/v1",
			"/docs/caf\u00e9", "/docs/caf%C3%A9" })
	void plainPathsAreMatchedLikeAnyOtherWhateverThePatternLooksLike(String path) {
		EndpointRequirements wildcards = new EndpointRequirements(List.of(
				new PathRule(PathRule.parse("/adm*/x"), ProtocolRequirement.tls(), Rollout.ENFORCED),
				new PathRule(PathRule.parse("/{tenant}/billing/**"), ProtocolRequirement.tls(), Rollout.ENFORCED),
				new PathRule(PathRule.parse("/API/v1/**"), ProtocolRequirement.tls(), Rollout.ENFORCED),
				new PathRule(PathRule.parse("/docs/caf\u00e9"), ProtocolRequirement.tls(), Rollout.ENFORCED)),
				List.of(), Rollout.ENFORCED);
		assertThat(wildcards.forPath(path, "").requiresTls()).as(path).isTrue();
		assertThat(wildcards.forPath("/app" + path, "/app").requiresTls()).as(path).isTrue();
	}

	@Test
	void rulesAreMatchedAfterTheContextPathAndIncludeTheServletPath() {
		assertThat(this.requirements.forPath("/app/admin/status", "/app").requiresTls()).isTrue();
		assertThat(this.requirements.forPath("/app/x/admin/status", "/app").isNone()).isTrue();
		assertThat(this.requirements.forPath("/admin/status", "/elsewhere").requiresTls()).isTrue();
	}

	@Test
	void everyMatchingRuleApplies() {
		assertThat(this.requirements.forPath("/admin/stream", "")).isSameAs(ProtocolRequirement.tls()
			.and(ProtocolRequirement.http2()));
	}

	@Test
	void handlerMethodRequirementsAreResolvedOncePerBeanTypeAndMethod() throws Exception {
		HandlerMethod plain = new HandlerMethod(new Plain(), Plain.class.getDeclaredMethod("get"));
		HandlerMethod inherited = new HandlerMethod(new TlsSub(), Plain.class.getDeclaredMethod("get"));
		assertThat(this.requirements.forHandler(plain).isNone()).isTrue();
		assertThat(this.requirements.forHandler(inherited)).isSameAs(ProtocolRequirement.tls());
		assertThat(this.requirements.forHandler(new Object()).isNone()).isTrue();
	}

	static class Plain {

		String get() {
			return "plain";
		}

	}

	@RequiresProtocol(Protocol.TLS)
	static class TlsSub extends Plain {

	}

}
