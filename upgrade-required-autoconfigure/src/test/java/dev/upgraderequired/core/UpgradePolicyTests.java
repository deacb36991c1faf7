package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.HandlerRequirementResolver;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.UpgradeRequiredException;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradePolicy}: its {@link RequirementIndex} and its {@link RequestDecider}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradePolicyTests {

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
		this.policy.index().index(handlers);
		assertThat(this.policy.index().mayRefuse("/report", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
		assertThat(this.policy.index().mayRefuse("/report", 0, 0, TLS, Offer.FACTS)).isFalse();
		assertThat(this.policy.index().mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isFalse();
		assertThat(this.policy.index().mayRefuse("/admin/x", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
	}

	@Test
	void handlerPathsAreMatchedFromWhereTheHandlerPathStarts() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of(), this.protectedByTls, "protectedByTls");
		this.policy.index().index(handlers);
		assertThat(this.policy.index().mayRefuse("/app/api/report", 4, 8, CLEARTEXT, Offer.FACTS)).isTrue();
		assertThat(this.policy.index().mayRefuse("/app/api/other", 4, 8, CLEARTEXT, Offer.FACTS)).isFalse();
	}

	@Test
	void everyPathMayBeRefusedOnceHandlersOfUnknownPathsMayBeProtected() {
		assertThat(this.policy.index().mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isFalse();
		HandlerInventory handlers = new HandlerInventory();
		handlers.addUnknownMapping(new Object());
		this.policy.index().index(handlers);
		assertThat(this.policy.index().mayRefuse("/hello", 0, 0, CLEARTEXT, Offer.FACTS)).isTrue();
	}

	@Test
	void decisionCombinesTheHandlersRequirementWithThePathRules() {
		RequestDecider decider = this.policy.decider();
		assertThat(decider.decide(CLEARTEXT, OfferView.of("/hello"), this.open)).isSameAs(Decision.PROCEED);
		assertThat(reason(decider.decide(CLEARTEXT, OfferView.of("/app/admin/x", "/app"), this.open)))
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(reason(decider.decide(CLEARTEXT, OfferView.of("/hello"), this.protectedByTls)))
			.isEqualTo(UpgradeReason.TLS_REQUIRED);
		assertThat(decider.decide(TLS, OfferView.of("/hello"), this.protectedByTls)).isSameAs(Decision.PROCEED);
	}

	@Test
	void refusalIsAttributedToThePartThatRefusesForItsReasonWithThePatternOfTheHandlerOrRule() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		policy.index().index(inventory("/hello", this.protectedByTls));
		Decision byHandler = policy.decider()
			.decide(CLEARTEXT, OfferView.of("/hello").withMatched("/hello"), this.protectedByTls);
		Decision byRule = policy.decider()
			.decide(CLEARTEXT, OfferView.of("/app/admin/x", "/app").withMatched("/admin/{page}"), this.open);
		Decision withoutHandler = policy.decider().decide(CLEARTEXT, OfferView.of("/admin/x"), null);
		assertThat(List.of(byHandler, byRule, withoutHandler)).extracting(UpgradePolicyTests::describe)
			.containsExactly("tls-required resolver /hello", "tls-required rule /admin/**",
					"tls-required rule /admin/**");
		assertThat(observed).containsExactly("tls-required resolver /hello", "tls-required rule /admin/**",
				"tls-required rule /admin/**");
	}

	@Test
	void combinedRequirementIsAttributedByTheReasonOfTheRefusal() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		Object http2 = new Http2Handler();
		policy.index().index(inventory("/admin/x", http2));
		Offer tlsHttp1 = new Offer(true, "TLSv1.3", true);
		// Cleartext: the rule's TLS comes first; over TLS, the handler's HTTP/2.
		OfferView view = OfferView.of("/admin/x").withMatched("/admin/x");
		policy.decider().decide(CLEARTEXT, view, http2);
		policy.decider().decide(tlsHttp1, view, http2);
		assertThat(observed).containsExactly("tls-required rule /admin/**", "http2-required resolver /admin/x");
	}

	@Test
	void thrownRequirementIsAnExceptionsAndWithoutAPatternIsCountedAsUnknown() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		policy.index().index(inventory("/hello", this.open));
		UpgradeRequiredException thrown = new UpgradeRequiredException(ProtocolRequirement.tls());
		policy.decider().decideFailure(CLEARTEXT, OfferView.of("/hello"), thrown, null);
		policy.decider().decideFailure(CLEARTEXT, OfferView.of("/hello").withMatched("/hello"), thrown, this.open);
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
		policy.index().index(handlers);
		for (Object handler : List.of(this.protectedByTls, twice)) {
			policy.decider().decide(CLEARTEXT, OfferView.of("/x"), handler);
		}
		assertThat(observed).containsExactly("tls-required resolver /report", "tls-required resolver UNKNOWN");
	}

	@Test
	void patternThatNoListedHandlerOrRuleHasIsNeverCountedSoTheRequestPathCannotBecomeATag() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report/{id}"), List.of(), this.protectedByTls, "protectedByTls");
		policy.index().index(handlers);
		policy.decider()
			.decide(CLEARTEXT, OfferView.of("/report/42").withMatched("/report/{id}"), this.protectedByTls);
		// A handler mapping that exposes the looked-up path as its pattern, as a URL mapping's default handler does.
		policy.decider().decide(CLEARTEXT, OfferView.of("/report/42").withMatched("/report/42"), new TlsHandler());
		assertThat(observed).containsExactly("tls-required resolver /report/{id}", "tls-required resolver UNKNOWN");
	}

	@Test
	void requirementOfAnUnknownHandlerMethodIsTheAnnotationsUnlessTheApplicationHasResolvers() {
		List<String> withResolver = new ArrayList<>();
		// A 406 of a handler method that no handler listed at startup: its best match for the media types requires TLS.
		OfferView unknown = OfferView.of("/x").withAnyMethod(ProtocolRequirement.tls());
		HttpRequestMethodNotSupportedException notAllowed = new HttpRequestMethodNotSupportedException("PUT");
		observedPolicy(withResolver).decider().decideFailure(CLEARTEXT, unknown, notAllowed, null);
		List<String> annotationsOnly = new ArrayList<>();
		UpgradePolicy.builder()
			.observer((reason, source, pattern) -> annotationsOnly.add(source.tag()))
			.build()
			.decider()
			.decideFailure(CLEARTEXT, unknown, notAllowed, null);
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
		policy.decider()
			.decideFailure(CLEARTEXT, OfferView.of("/x"), new UpgradeRequiredException(ProtocolRequirement.tls()),
					null);
		assertThat(observed).containsExactly("tls-required");
	}

	@Test
	void alreadyMetRequirementIsNotAnUpgradeRefusal() {
		List<String> observed = new ArrayList<>();
		UpgradePolicy policy = observedPolicy(observed);
		Decision.Respond alreadyMet = policy.decider()
			.decideFailure(TLS, OfferView.of("/hello"), new UpgradeRequiredException(ProtocolRequirement.tls()),
					this.open);
		assertThat(alreadyMet).isInstanceOfSatisfying(Decision.Refuse.class, (refuse) -> {
			assertThat(refuse.response().status()).isEqualTo(500);
			assertThat(refuse.reason()).isNull();
		});
		assertThat(observed).isEmpty();
	}

	@Test
	void reportListsEveryEndpointWithTheSourcesOfItsRequirementAndTheRules() {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of("GET"), this.protectedByTls, "protectedByTls");
		handlers.add(List.of("/admin/{page}", "/hello"), List.of(), this.open, "open");
		handlers.add(List.of("/other"), List.of(), this.open, "open elsewhere");
		handlers.addRouterFunctions(true);
		this.policy.index().index(handlers);
		RequirementReport report = this.policy.index().report();
		assertThat(report.endpoints()).containsExactly(
				new RequirementReport.Endpoint("protectedByTls", List.of("/report"), List.of("GET"), "TLS",
						List.of(new RequirementReport.Source("resolver", "TLS", null, "enforced"))),
				new RequirementReport.Endpoint("open", List.of("/admin/{page}", "/hello"), List.of(), "TLS",
						List.of(new RequirementReport.Source("rule", "TLS", "/admin/**", "enforced"))),
				new RequirementReport.Endpoint("open elsewhere", List.of("/other"), List.of(), "none", List.of()));
		assertThat(report.rules()).containsExactly(new RequirementReport.Rule("/admin/**", "TLS", "enforced"));
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
		policy.index().index(handlers);
		assertThat(policy.index().report().endpoints()).extracting(RequirementReport.Endpoint::requirement)
			.containsExactly("TLS", "TLS", "none");
	}

	@Test
	void documentedRequirementAddsTheRulesOfTheHandlersPatterns() {
		Object http2 = new Http2Handler();
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/admin/h2"), List.of(), http2, "http2");
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		this.policy.index().index(handlers);
		assertThat(this.policy.index().documentedRequirementOf(http2))
			.isEqualTo(ProtocolRequirement.tls().and(ProtocolRequirement.http2()));
		assertThat(this.policy.index().documentedRequirementOf(this.open)).isEqualTo(ProtocolRequirement.none());
	}

	@Test
	void startupSummaryCountsEndpointsByRequirementAndNamesTheRules(CapturedOutput output) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/report"), List.of(), this.protectedByTls, "protectedByTls");
		handlers.add(List.of("/h2"), List.of(), new Http2Handler(), "http2");
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		this.policy.index().index(handlers);
		assertThat(output).contains("upgrade-required: 2 endpoints have a requirement of their own "
				+ "(HTTP/2: 1, TLS: 1); 1 path rule (/admin/**: TLS)");
	}

	@Test
	void startupSummaryNamesTheFirstTenRulesAndCountsTheOthers(CapturedOutput output) {
		UpgradePolicy.Builder builder = UpgradePolicy.builder();
		for (int i = 0; i < 12; i++) {
			builder.rule("/r" + i + "/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version");
		}
		builder.build().index().index(new HandlerInventory());
		assertThat(output).contains("12 path rules (/r0/**: TLS, ").contains("/r9/**: TLS, and 2 more)")
			.doesNotContain("/r10/**");
	}

	@Test
	void startupSummarySaysInTheSameLineWhenEveryRequestIsLookedUp(CapturedOutput output) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.addRouterFunctions(true);
		UpgradePolicy.builder().build().index().index(handlers);
		assertThat(output).contains("upgrade-required: no endpoint has a requirement; it looks up the handler of every "
				+ "request, since it cannot list the handlers of router functions with a HandlerRequirementResolver");
	}

	@Test
	void startupSummaryCountsThePatternsMatchedOnAParsedPath(CapturedOutput output) {
		PathPatternParser parser = PathPatternParser.defaultInstance;
		HandlerInventory handlers = new HandlerInventory();
		handlers.mapping(true);
		handlers.addParsed(List.of(parser.parse("/orders/{id}"), parser.parse("/files/{*path}"),
				parser.parse("/v{version:\\d+}/items")), parser, List.of(), new TlsHandler(), "mixed");
		UpgradePolicy.builder().build().index().index(handlers);
		assertThat(output).contains("; it decides from an index of 3 path patterns (2 of them matched on a request's "
				+ "parsed path)");
	}

	@Test
	void startupSummarySaysWhenNothingHasARequirement(CapturedOutput output) {
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/hello"), List.of(), this.open, "open");
		UpgradePolicy.builder().build().index().index(handlers);
		assertThat(output).contains("upgrade-required: no endpoint has a requirement");
	}

	private static @Nullable UpgradeReason reason(Decision decision) {
		return (decision instanceof Decision.Refuse refuse) ? refuse.reason() : null;
	}

	private static String describe(Decision decision) {
		Decision.Refuse refuse = (Decision.Refuse) decision;
		return refuse.reason().slug() + " " + refuse.source().tag() + " " + refuse.pattern();
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
