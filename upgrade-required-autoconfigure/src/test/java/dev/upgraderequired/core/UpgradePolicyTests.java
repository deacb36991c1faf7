package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeRequiredException;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradePolicy}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradePolicyTests {

	// No request mapping of another HTTP method requires anything.
	private static final Function<Object, ProtocolRequirement> NO_MAPPINGS = (request) -> ProtocolRequirement.none();

	private static final Offer CLEARTEXT = new Offer(false, null, true);

	private static final Offer TLS = new Offer(true, "TLSv1.3", true);

	// Handlers that are not handler methods are resolved once per class.
	private final Object open = new OpenHandler();

	private final Object protectedByTls = new TlsHandler();

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.resolver((handler) -> (handler instanceof TlsHandler) ? ProtocolRequirement.tls()
				: (handler instanceof Http2Handler) ? ProtocolRequirement.http2() : null)
		.build();

	@Test
	void pathMayBeRefusedWhenOneOfTheHandlersOfItsPatternIsProtected() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of(), this.open, "open");
		handlers.add(List.of("/report"), List.of(), this.protectedByTls, "protectedByTls");
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		this.policy.protectHandlers(handlers);
		assertThat(this.policy.mayRefuse("/report", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
		assertThat(this.policy.mayRefuse("/report", 0, 0, TLS, Offer.FACTS)).isFalse();
		assertThat(this.policy.mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isFalse();
		assertThat(this.policy.mayRefuse("/admin/x", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
	}

	@Test
	void handlerPathsAreMatchedFromWhereTheHandlerPathStarts() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of(), this.protectedByTls, "protectedByTls");
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
		assertThat(this.policy.decide(this.open, "/hello", "", CLEARTEXT, Offer.FACTS, NO_MAPPINGS)).isNull();
		assertThat(this.policy.decide(this.open, "/app/admin/x", "/app", CLEARTEXT, Offer.FACTS, NO_MAPPINGS).reason())
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(this.policy.decide(this.protectedByTls, "/hello", "", CLEARTEXT, Offer.FACTS, NO_MAPPINGS).reason())
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(this.policy.decide(this.protectedByTls, "/hello", "", TLS, Offer.FACTS, NO_MAPPINGS)).isNull();
	}

	@Test
	void refusalIsAttributedToThePartThatRefusesForItsReasonWithThePatternOfTheHandlerOrRule() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		policy.protectHandlers(inventory("/hello", this.protectedByTls));
		Refusal byHandler = policy.decide(this.protectedByTls, "/hello", "", CLEARTEXT, Offer.FACTS, NO_MAPPINGS);
		policy.refused(byHandler, 426, this.protectedByTls, "/hello", "/hello", "", CLEARTEXT, Offer.FACTS);
		Refusal byRule = policy.decide(this.open, "/app/admin/x", "/app", CLEARTEXT, Offer.FACTS, NO_MAPPINGS);
		policy.refused(byRule, 426, this.open, "/admin/{page}", "/app/admin/x", "/app", CLEARTEXT, Offer.FACTS);
		Refusal withoutHandler = policy.decidePath("/admin/x", "", CLEARTEXT, Offer.FACTS);
		policy.refused(withoutHandler, 426, null, null, "/admin/x", "", CLEARTEXT, Offer.FACTS);
		assertThat(observed).containsExactly("tls-required resolver /hello", "tls-required rule /admin/**",
				"tls-required rule /admin/**");
	}

	@Test
	void combinedRequirementIsAttributedByTheReasonOfTheRefusal() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		Object http2 = new Http2Handler();
		policy.protectHandlers(inventory("/admin/x", http2));
		Offer tlsHttp1 = new Offer(true, "TLSv1.3", true);
		// Cleartext: the rule's TLS comes first; over TLS, the handler's HTTP/2.
		policy.refused(policy.decide(http2, "/admin/x", "", CLEARTEXT, Offer.FACTS, NO_MAPPINGS), 426, http2,
				"/admin/x", "/admin/x", "", CLEARTEXT, Offer.FACTS);
		policy.refused(policy.decide(http2, "/admin/x", "", tlsHttp1, Offer.FACTS, NO_MAPPINGS), 426, http2,
				"/admin/x", "/admin/x", "", tlsHttp1, Offer.FACTS);
		assertThat(observed).containsExactly("tls-required rule /admin/**", "http2-required resolver /admin/x");
	}

	@Test
	void thrownRequirementIsAnExceptionsAndWithoutAPatternIsCountedAsUnknown() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		policy.protectHandlers(inventory("/hello", this.open));
		Refusal thrown = policy.decideFailure(new UpgradeRequiredException(ProtocolRequirement.tls()), "/hello", "",
				CLEARTEXT, Offer.FACTS, ProtocolRequirement::none,
				ProtocolRequirement::none);
		policy.refused(thrown, 426, null, null, "/hello", "", CLEARTEXT, Offer.FACTS);
		policy.refused(thrown, 426, this.open, "/hello", "/hello", "", CLEARTEXT, Offer.FACTS);
		assertThat(observed).containsExactly("tls-required exception UNKNOWN", "tls-required exception /hello");
	}

	@Test
	void handlerListedWithOnePatternGivesItsPatternWhenTheMappingDoesNotSay() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		Object twice = new TlsHandler();
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of(), this.protectedByTls, "protectedByTls");
		handlers.add(List.of("/a"), List.of(), twice, "twice");
		handlers.add(List.of("/b"), List.of(), twice, "twice");
		policy.protectHandlers(handlers);
		for (Object handler : List.of(this.protectedByTls, twice)) {
			policy.refused(policy.decide(handler, "/x", "", CLEARTEXT, Offer.FACTS, NO_MAPPINGS), 426, handler, null,
					"/x", "", CLEARTEXT, Offer.FACTS);
		}
		assertThat(observed).containsExactly("tls-required resolver /report", "tls-required resolver UNKNOWN");
	}

	@Test
	void patternThatNoListedHandlerOrRuleHasIsNeverCountedSoTheRequestPathCannotBecomeATag() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report/{id}"), List.of(), this.protectedByTls, "protectedByTls");
		policy.protectHandlers(handlers);
		Refusal refusal = policy.decide(this.protectedByTls, "/report/42", "", CLEARTEXT, Offer.FACTS, NO_MAPPINGS);
		policy.refused(refusal, 426, this.protectedByTls, "/report/{id}", "/report/42", "", CLEARTEXT, Offer.FACTS);
		// A handler mapping that exposes the looked-up path as its pattern, as a URL mapping's default handler does.
		policy.refused(refusal, 426, new TlsHandler(), "/report/42", "/report/42", "", CLEARTEXT, Offer.FACTS);
		assertThat(observed).containsExactly("tls-required resolver /report/{id}", "tls-required resolver UNKNOWN");
	}

	@Test
	void requirementOfAnUnknownHandlerMethodIsTheAnnotationsUnlessTheApplicationHasResolvers() {
		List<String> withResolver = new ArrayList<>();
		Refusal refusal = Refusal.of(ProtocolRequirement.tls(), UpgradeReason.TLS_REQUIRED, false);
		observedPolicy(withResolver).refused(refusal, 426, null, null, "/x", "", CLEARTEXT, Offer.FACTS);
		List<String> annotationsOnly = new ArrayList<>();
		UpgradePolicy.builder()
			.observer((reason, source, pattern) -> annotationsOnly.add(source.tag()))
			.build()
			.refused(refusal, 426, null, null, "/x", "", CLEARTEXT, Offer.FACTS);
		assertThat(withResolver).containsExactly("tls-required resolver UNKNOWN");
		assertThat(annotationsOnly).containsExactly("annotation");
	}

	@Test
	void failingObserverDoesNotStopTheOthers() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = UpgradePolicy.builder()
			.observer((reason, source, pattern) -> {
				throw new IllegalStateException("broken");
			})
			.observer((reason, source, pattern) -> observed.add(reason.slug()))
			.build();
		policy.refused(Refusal.of(ProtocolRequirement.tls(), UpgradeReason.TLS_REQUIRED, false), 426, null, null,
				"/x", "", CLEARTEXT, Offer.FACTS);
		assertThat(observed).containsExactly("tls-required");
	}

	@Test
	void alreadyMetRequirementIsNotAnUpgradeRefusal() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		Refusal alreadyMet = policy.decideFailure(new UpgradeRequiredException(ProtocolRequirement.tls()), "/hello",
				"", TLS, Offer.FACTS, ProtocolRequirement::none,
				ProtocolRequirement::none);
		assertThat(alreadyMet.status()).isEqualTo(500);
		policy.refused(alreadyMet, 500, this.open, "/hello", "/hello", "", TLS, Offer.FACTS);
		assertThat(observed).isEmpty();
	}

	@Test
	void reportListsEveryEndpointWithTheSourcesOfItsRequirementAndTheRules() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of("GET"), this.protectedByTls, "protectedByTls");
		handlers.add(List.of("/admin/{page}", "/hello"), List.of(), this.open, "open");
		handlers.add(List.of("/other"), List.of(), this.open, "open elsewhere");
		handlers.addRouterFunctions();
		this.policy.protectHandlers(handlers);
		RequirementReport report = this.policy.report();
		assertThat(report.endpoints()).containsExactly(
				new RequirementReport.Endpoint("protectedByTls", List.of("/report"), List.of("GET"), "TLS",
						List.of(new RequirementReport.Source("resolver", "TLS", null))),
				new RequirementReport.Endpoint("open", List.of("/admin/{page}", "/hello"), List.of(), "TLS",
						List.of(new RequirementReport.Source("rule", "TLS", "/admin/**"))),
				new RequirementReport.Endpoint("open elsewhere", List.of("/other"), List.of(), "none", List.of()));
		assertThat(report.rules()).containsExactly(new RequirementReport.Rule("/admin/**", "TLS"));
		assertThat(report.unlisted()).containsExactly("router functions with a HandlerRequirementResolver");
	}

	@Test
	void ruleCountsForAnEndpointWhosePatternsOverlapItsOwnBelowTheServletPath() {
		UpgradePolicy policy = UpgradePolicy.builder()
			.rule("/api/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.rule("/users/**", "paths", Protocol.HTTP_2, TlsVersion.ANY, "min-tls-version")
			.build();
		HandlerInventory handlers = new HandlerInventory();
		handlers.pathPrefix("/api");
		handlers.add(List.of("/**"), List.of(), this.open, "everything");
		handlers.add(List.of("/admin/status"), List.of(), this.protectedByTls, "status");
		handlers.add(List.of("/users/{id}"), List.of(), new OpenHandler(), "users");
		policy.protectHandlers(handlers);
		assertThat(policy.report().endpoints()).extracting(RequirementReport.Endpoint::requirement)
			.containsExactly("TLS", "TLS", "none");
	}

	@Test
	void documentedRequirementAddsTheRulesOfTheHandlersPatterns() {
		Object http2 = new Http2Handler();
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/admin/h2"), List.of(), http2, "http2");
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		this.policy.protectHandlers(handlers);
		assertThat(this.policy.documentedRequirementOf(http2))
			.isEqualTo(ProtocolRequirement.tls().and(ProtocolRequirement.http2()));
		assertThat(this.policy.documentedRequirementOf(this.open)).isEqualTo(ProtocolRequirement.none());
	}

	@Test
	void startupSummaryCountsEndpointsByRequirementAndNamesTheRules(CapturedOutput output) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of(), this.protectedByTls, "protectedByTls");
		handlers.add(List.of("/h2"), List.of(), new Http2Handler(), "http2");
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		this.policy.protectHandlers(handlers);
		assertThat(output).contains("upgrade-required: 2 endpoints have a requirement of their own "
				+ "(HTTP/2: 1, TLS: 1); 1 path rule (/admin/**: TLS)");
	}

	@Test
	void startupSummarySaysInTheSameLineWhenEveryRequestIsLookedUp(CapturedOutput output) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.addRouterFunctions();
		UpgradePolicy.builder().build().protectHandlers(handlers);
		assertThat(output).contains("upgrade-required: no endpoint has a requirement; it looks up the handler of every "
				+ "request, since it cannot list the handlers of router functions with a HandlerRequirementResolver");
	}

	@Test
	void startupSummarySaysWhenNothingHasARequirement(CapturedOutput output) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		UpgradePolicy.builder().build().protectHandlers(handlers);
		assertThat(output).contains("upgrade-required: no endpoint has a requirement");
	}

	private static HandlerInventory inventory(String pattern, Object handler) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of(pattern), List.of(), handler, pattern);
		return handlers;
	}

	private UpgradePolicy observedPolicy(List<String> observed) {
		return UpgradePolicy.builder()
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.resolver((handler) -> (handler instanceof TlsHandler) ? ProtocolRequirement.tls()
					: (handler instanceof Http2Handler) ? ProtocolRequirement.http2() : null)
			.observer((reason, source, pattern) -> observed.add(reason.slug() + " " + source.tag() + " " + pattern))
			.build();
	}

	static class Http2Handler {

	}

	static class OpenHandler {

	}

	static class TlsHandler {

	}

}
