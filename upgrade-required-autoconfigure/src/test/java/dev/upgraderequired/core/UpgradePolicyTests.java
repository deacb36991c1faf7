package dev.upgraderequired.core;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradePolicy}.
 */
class UpgradePolicyTests {

	private static final Offer CLEARTEXT = new Offer(false, null, true);

	private static final Offer TLS = new Offer(true, "TLSv1.3", true);

	// Handlers that are not handler methods are resolved once per class.
	private final Object open = new OpenHandler();

	private final Object protectedByTls = new TlsHandler();

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.resolver((handler) -> (handler instanceof TlsHandler) ? ProtocolRequirement.tls() : null)
		.build();

	@Test
	void pathMayBeRefusedWhenOneOfTheHandlersOfItsPatternIsProtected() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add("/report", this.open);
		handlers.add("/report", this.protectedByTls);
		handlers.add("/hello", this.open);
		this.policy.protectHandlers(handlers);
		assertThat(this.policy.mayRefuse("/report", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
		assertThat(this.policy.mayRefuse("/report", 0, 0, TLS, Offer.FACTS)).isFalse();
		assertThat(this.policy.mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isFalse();
		assertThat(this.policy.mayRefuse("/admin/x", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
	}

	@Test
	void handlerPathsAreMatchedFromWhereTheHandlerPathStarts() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add("/report", this.protectedByTls);
		this.policy.protectHandlers(handlers);
		assertThat(this.policy.mayRefuse("/app/api/report", 4, 8, CLEARTEXT, Offer.FACTS)).isTrue();
		assertThat(this.policy.mayRefuse("/app/api/other", 4, 8, CLEARTEXT, Offer.FACTS)).isFalse();
	}

	@Test
	void everyPathMayBeRefusedOnceHandlersOfUnknownPathsMayBeProtected() {
		assertThat(this.policy.mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isFalse();
		HandlerInventory handlers = new HandlerInventory();
		handlers.addUnknownMapping(new Object());
		this.policy.protectHandlers(handlers);
		assertThat(this.policy.mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
	}

	@Test
	void decisionCombinesTheHandlersRequirementWithThePathRules() {
		assertThat(this.policy.decide(this.open, "/hello", "", CLEARTEXT, Offer.FACTS)).isNull();
		assertThat(this.policy.decide(this.open, "/app/admin/x", "/app", CLEARTEXT, Offer.FACTS).reason())
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(this.policy.decide(this.protectedByTls, "/hello", "", CLEARTEXT, Offer.FACTS).reason())
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(this.policy.decide(this.protectedByTls, "/hello", "", TLS, Offer.FACTS)).isNull();
	}

	static class OpenHandler {

	}

	static class TlsHandler {

	}

}
