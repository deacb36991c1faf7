package dev.upgraderequired.core;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.InvalidRequirementException;
import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RefusalObserver;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.RequiresProtocol;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for requirements that are not enforced from the start: report-only ones, and ones enforced from an instant
 * on, before which a request they refuse is served with the date announced.
 */
@ExtendWith(OutputCaptureExtension.class)
class RolloutTests {

	private static final Offer CLEARTEXT_H1 = new Offer(false, null, true);

	private static final Offer CLEARTEXT_H2 = new Offer(false, null, false);

	private static final Offer TLS12_H1 = new Offer(true, "TLSv1.2", true);

	private static final Instant DATE = Instant.parse("2027-03-01T00:00:00Z");

	private final SettableClock clock = new SettableClock(DATE.minusSeconds(1));

	private final List<String> observed = new ArrayList<>();

	private final RefusalObserver observer = new RefusalObserver() {

		@Override
		public void refused(UpgradeReason reason, RequirementSource source, String pattern) {
			RolloutTests.this.observed.add("refused " + reason.slug() + " " + source.tag() + " " + pattern);
		}

		@Override
		public void notEnforced(UpgradeReason reason, RequirementSource source, String pattern) {
			RolloutTests.this.observed.add("not enforced " + reason.slug() + " " + source.tag() + " " + pattern);
		}

	};

	@Test
	void reportOnlyRuleServesTheRequestTellsTheObserversAndAnnouncesNothing() {
		RequestDecider decider = builder().rule("/legacy/**", "paths", Protocol.TLS, TlsVersion.ANY, "min",
				Rollout.REPORT_ONLY)
			.build()
			.decider();
		Decision decision = decider.decide(CLEARTEXT_H1, OfferView.of("/legacy/x"), null);
		assertThat(decision).isEqualTo(new Decision.Proceed(null, false, List.of(), true));
		assertThat(this.observed).containsExactly("not enforced tls-required rule /legacy/**");
	}

	@Test
	void datedRuleAnnouncesItsDateBeforeItAndRefusesFromItOnWithoutRebuilding() {
		UpgradePolicy policy = builder()
			.rule("/v1/**", "paths", Protocol.TLS, TlsVersion.ANY, "min", Rollout.from(DATE))
			.deprecationLink("https://example.com/tls")
			.build();
		Decision before = policy.decider().decide(CLEARTEXT_H1, OfferView.of("/v1/orders"), null);
		assertThat(before).isEqualTo(new Decision.Proceed(null, false,
				List.of(header("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"), header("Connection", "Upgrade"),
						header("Sunset", "Mon, 01 Mar 2027 00:00:00 GMT"), header("Deprecation", "@1803859200"),
						header("Link", "<https://example.com/tls>; rel=\"deprecation\"; type=\"text/html\"")),
				true));
		this.clock.set(DATE);
		Decision from = policy.decider().decide(CLEARTEXT_H1, OfferView.of("/v1/orders"), null);
		assertThat(from).isInstanceOf(Decision.Refuse.class);
		assertThat(((Decision.Refuse) from).response().status()).isEqualTo(426);
		assertThat(this.observed).containsExactly("not enforced tls-required rule /v1/**",
				"refused tls-required rule /v1/**");
		assertThat(policy.index().report().notEnforced()).singleElement()
			.satisfies((counted) -> assertThat(counted).isEqualTo(new RequirementReport.NotEnforced("/v1/**",
					"rule", 1, java.util.Map.of("tls-required", 1L), DATE.minusSeconds(1))));
	}

	@Test
	void overHttp2TheAnnouncementHasNoConnectionSpecificHeader() {
		RequestDecider decider = builder().rule("/v1/**", "paths", Protocol.TLS, TlsVersion.ANY, "min",
				Rollout.from(DATE))
			.build()
			.decider();
		Decision decision = decider.decide(CLEARTEXT_H2, OfferView.of("/v1/orders"), null);
		assertThat(((Decision.Proceed) decision).announcement()).containsExactly(
				header("Sunset", "Mon, 01 Mar 2027 00:00:00 GMT"), header("Deprecation", "@1803859200"));
	}

	@Test
	void defaultRolloutAppliesToHandlersAndRulesWithoutOneOfTheirOwn() {
		UpgradePolicy policy = builder().rollout(Rollout.REPORT_ONLY)
			.rule("/own/**", "paths", Protocol.TLS, TlsVersion.ANY, "min", Rollout.ENFORCED)
			.rule("/default/**", "paths", Protocol.TLS, TlsVersion.ANY, "min")
			.resolver((handler) -> ProtocolRequirement.tls())
			.build();
		RequestDecider decider = policy.decider();
		assertThat(decider.decide(CLEARTEXT_H1, OfferView.of("/own/x"), null)).isInstanceOf(Decision.Refuse.class);
		assertThat(decider.decide(CLEARTEXT_H1, OfferView.of("/default/x"), null))
			.isEqualTo(new Decision.Proceed(null, false, List.of(), true));
		assertThat(decider.decide(CLEARTEXT_H1, OfferView.of("/other"), new Object()))
			.isEqualTo(new Decision.Proceed(null, false, List.of(), true));
		assertThat(this.observed).containsExactly("refused tls-required rule /own/**",
				"not enforced tls-required rule /default/**", "not enforced tls-required resolver UNKNOWN");
	}

	@Test
	void enforcedPartRefusesAndIsTheOneCountedWhileAStagedOneWaits() {
		UpgradePolicy policy = builder()
			.rule("/api/**", "paths", Protocol.TLS, TlsVersion.TLS_1_3, "min", Rollout.from(DATE))
			.rule("/api/**", "paths", Protocol.TLS, TlsVersion.ANY, "min")
			.build();
		RequestDecider decider = policy.decider();
		Decision cleartext = decider.decide(CLEARTEXT_H1, OfferView.of("/api/x"), null);
		assertThat(cleartext).isInstanceOf(Decision.Refuse.class);
		// The 426 names what is enforced now: TLS of any version.
		assertThat(((Decision.Refuse) cleartext).response().headers()).contains(header("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1"));
		Decision tls12 = decider.decide(TLS12_H1, OfferView.of("/api/x"), null);
		assertThat(((Decision.Proceed) tls12).announcement()).startsWith(header("Upgrade", "TLS/1.3, HTTP/1.1"),
				header("Connection", "Upgrade"));
		assertThat(this.observed).containsExactly("refused tls-required rule /api/**",
				"not enforced tls-version-too-old rule /api/**");
	}

	@Test
	void annotationAttributesGiveTheEndpointItsOwnRollout() {
		UpgradePolicy policy = builder().rollout(Rollout.REPORT_ONLY).build();
		RequestDecider decider = policy.decider();
		assertThat(decider.decide(CLEARTEXT_H1, OfferView.of("/enforced"), handler("enforced")))
			.isInstanceOf(Decision.Refuse.class);
		assertThat(((Decision.Proceed) decider.decide(CLEARTEXT_H1, OfferView.of("/dated"), handler("dated")))
			.announcement()).contains(header("Sunset", "Mon, 01 Mar 2027 00:00:00 GMT"));
		assertThat(decider.decide(CLEARTEXT_H1, OfferView.of("/default"), handler("byDefault")))
			.isEqualTo(new Decision.Proceed(null, false, List.of(), true));
	}

	@Test
	void annotationWithBothReportOnlyAndADateFailsNamingIt() {
		RequestDecider decider = builder().build().decider();
		assertThatExceptionOfType(InvalidRequirementException.class)
			.isThrownBy(() -> decider.decide(CLEARTEXT_H1, OfferView.of("/both"), handler("both")))
			.withMessageContaining("@RequiresProtocol(enforceFrom) on")
			.withMessageContaining("Annotated.both()")
			.withMessageContaining("2027-03-01T00:00:00Z");
	}

	@Test
	void annotationDateThatDoesNotParseFailsNamingTheForm() {
		RequestDecider decider = builder().build().decider();
		assertThatExceptionOfType(InvalidRequirementException.class)
			.isThrownBy(() -> decider.decide(CLEARTEXT_H1, OfferView.of("/bad"), handler("badDate")))
			.withMessageContaining("1 March 2027")
			.withMessageContaining("ISO-8601 instant");
	}

	@Test
	void startupLineShowsTheRolloutOfEndpointsRulesAndTheDefault(CapturedOutput output) {
		UpgradePolicy policy = builder().rollout(Rollout.REPORT_ONLY)
			.rule("/legacy/**", "paths", Protocol.TLS, TlsVersion.ANY, "min", Rollout.from(DATE))
			.build();
		HandlerInventory handlers = new HandlerInventory();
		handlers.add(List.of("/dated"), List.of(), handler("dated"), "dated");
		handlers.add(List.of("/enforced"), List.of(), handler("enforced"), "enforced");
		policy.index().index(handlers);
		assertThat(output).contains("2 endpoints have a requirement of their own (TLS: 2), of which 1 enforced from "
				+ "2000-01-01T00:00:00Z, 1 enforced from 2027-03-01T00:00:00Z; 1 path rule (/legacy/**: TLS "
				+ "[enforced from 2027-03-01T00:00:00Z]); ")
			.contains("every requirement without a rollout of its own is report-only")
			.contains("upgrade-required: report-only: no requirement without a rollout of its own is enforced");
	}

	@Test
	void methodThePathDoesNotMapIsLeftToItsFailureWhereTheDefaultIsNotEnforced() {
		UpgradePolicy policy = builder().rollout(Rollout.REPORT_ONLY).build();
		OfferView view = OfferView.of("/quiet").withAnyMethod(ProtocolRequirement.tls());
		assertThat(policy.decider().decideFailure(CLEARTEXT_H1, view,
				new HttpRequestMethodNotSupportedException("DELETE"), null))
			.isNull();
		UpgradePolicy enforced = builder().build();
		assertThat(enforced.decider().decideFailure(CLEARTEXT_H1, view,
				new HttpRequestMethodNotSupportedException("DELETE"), null))
			.isInstanceOf(Decision.Refuse.class);
	}

	@Test
	void theClockIsNotReadForARequestWhoseRequirementsAreAllEnforcedFromTheStart() {
		UpgradePolicy policy = UpgradePolicy.builder()
			.clock(new SettableClock(null))
			.rule("/api/**", "paths", Protocol.TLS, TlsVersion.ANY, "min")
			.build();
		assertThat(policy.decider().decide(CLEARTEXT_H1, OfferView.of("/api/x"), null))
			.isInstanceOf(Decision.Refuse.class);
	}

	private UpgradePolicy.Builder builder() {
		return UpgradePolicy.builder().clock(this.clock).observer(this.observer);
	}

	private static ResponsePlan.Header header(String name, String value) {
		return new ResponsePlan.Header(name, value);
	}

	private static HandlerMethod handler(String name) {
		Method method = ReflectionUtils.findMethod(Annotated.class, name);
		return new HandlerMethod(new Annotated(), method);
	}

	static class Annotated {

		@RequiresEnforced
		void enforced() {
		}

		@RequiresProtocol(value = Protocol.TLS, enforceFrom = "2027-03-01T01:00:00+01:00")
		void dated() {
		}

		@RequiresProtocol(Protocol.TLS)
		void byDefault() {
		}

		@RequiresProtocol(value = Protocol.TLS, reportOnly = true, enforceFrom = "2027-03-01T00:00:00Z")
		void both() {
		}

		@RequiresProtocol(value = Protocol.TLS, enforceFrom = "1 March 2027")
		void badDate() {
		}

	}

	// An annotation of the application's that enforces from a date long past, which overrides the default.
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@RequiresProtocol(value = Protocol.TLS, enforceFrom = "2000-01-01T00:00:00Z")
	@interface RequiresEnforced {

	}

	// A clock a test sets; one without an instant fails the test when it is read.
	static final class SettableClock extends Clock {

		private @Nullable Instant now;

		SettableClock(@Nullable Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			Instant now = this.now;
			if (now == null) {
				throw new AssertionError("The clock was read");
			}
			return now;
		}

	}

}
