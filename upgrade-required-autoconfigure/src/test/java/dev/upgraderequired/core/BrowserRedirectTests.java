package dev.upgraderequired.core;

import java.util.List;

import java.nio.charset.StandardCharsets;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.UpgradeRequiredException;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the responses {@link UpgradePolicy#plan} chooses in browser-redirect mode, and for
 * {@link UpgradePolicy#strictTransportSecurity}.
 */
class BrowserRedirectTests {

	private static final Offer CLEARTEXT = new Offer(false, null, true);

	private static final Offer NAVIGATION = CLEARTEXT.with("Sec-Fetch-Mode", "navigate");

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.httpsPort(() -> 8443)
		.browserRedirect(true)
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.TLS_1_3, "min-tls-version")
		.rule("/stream/**", "paths", Protocol.HTTP_2, TlsVersion.ANY, "min-tls-version")
		.rule("/stream/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.rule("/socket/**", "paths", Protocol.WEBSOCKET, TlsVersion.ANY, "min-tls-version")
		.rule("/socket/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.build();

	@Test
	void navigationThatLacksOnlyTlsIsRedirectedToTheHttpsUrl() {
		ResponsePlan plan = plan("/admin/page", NAVIGATION, "q=1");
		assertThat(plan.status()).isEqualTo(308);
		assertThat(plan.headers()).containsExactly(
				new ResponsePlan.Header("Location", "https://example.com:8443/admin/page?q=1"),
				new ResponsePlan.Header("Cache-Control", "no-store"));
		assertThat(plan.vary()).isEqualTo("Sec-Fetch-Mode");
		assertThat(plan.contentType()).isNull();
		assertThat(plan.body()).isEmpty();
		assertThat(plan.contentLength()).isZero();
		Offer head = new Offer(false, null, true, "HEAD", NAVIGATION.headers());
		assertThat(plan("/admin/page", head, null).status()).isEqualTo(308);
		Offer insecureRequests = CLEARTEXT.with("Upgrade-Insecure-Requests", "1").with("Accept", "text/html");
		ResponsePlan byAccept = plan("/admin/page", insecureRequests, null);
		assertThat(byAccept.status()).isEqualTo(308);
		assertThat(byAccept.vary()).isEqualTo("Sec-Fetch-Mode, Upgrade-Insecure-Requests, Accept");
	}

	@Test
	void requestThatCouldHaveBeenRedirectedKeepsIts426WithTheHeadersItWasDecidedOn() {
		ResponsePlan fetch = plan("/admin/page", CLEARTEXT.with("Sec-Fetch-Mode", "cors"), null);
		assertThat(fetch.status()).isEqualTo(426);
		assertThat(fetch.vary()).isEqualTo("Sec-Fetch-Mode");
		assertThat(fetch.contentType()).isEqualTo("application/problem+json");
		assertThat(new String(fetch.body(), StandardCharsets.US_ASCII))
			.contains("\"httpsUrl\":\"https://example.com:8443/admin/page\"");
		ResponsePlan api = plan("/admin/page", CLEARTEXT, null);
		assertThat(api.status()).isEqualTo(426);
		assertThat(api.vary()).isEqualTo("Sec-Fetch-Mode, Upgrade-Insecure-Requests");
	}

	@Test
	void otherMethodsAreNeverRedirectedAndTheirResponseDependsOnNoHeader() {
		for (String method : new String[] { "POST", "PUT", "DELETE", "OPTIONS", "get" }) {
			ResponsePlan plan = plan("/admin/page", new Offer(false, null, true, method, NAVIGATION.headers()), null);
			assertThat(plan.status()).as(method).isEqualTo(426);
			assertThat(plan.vary()).as(method).isNull();
		}
	}

	@Test
	void navigationThatLacksMoreThanTlsKeepsIts426() {
		// HTTP/1.1 to an endpoint that needs HTTP/2 too, and a WebSocket endpoint.
		assertThat(plan("/stream/x", NAVIGATION, null).status()).isEqualTo(426);
		assertThat(plan("/stream/x", NAVIGATION, null).vary()).isNull();
		assertThat(plan("/socket/x", NAVIGATION, null).status()).isEqualTo(426);
		// Over h2c the same HTTP/2 endpoint lacks only TLS.
		Offer h2c = new Offer(false, null, false, "GET", NAVIGATION.headers());
		assertThat(plan("/stream/x", h2c, null).status()).isEqualTo(308);
	}

	@Test
	void navigationIsNotRedirectedWithoutAnHttpsUrlThatALocationHeaderCanCarry() {
		UpgradePolicy unknownPort = UpgradePolicy.builder()
			.browserRedirect(true)
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.build();
		assertThat(respond(unknownPort, OfferView.of("/admin/x").withHost("example.com", null), NAVIGATION).status())
			.isEqualTo(426);
		assertThat(respond(this.policy, OfferView.of("/admin/x").withHost(null, null), NAVIGATION).status())
			.isEqualTo(426);
		assertThat(respond(this.policy, OfferView.of("/admin/caf\u00e9").withHost("example.com", null), NAVIGATION)
			.status()).isEqualTo(426);
		assertThat(respond(this.policy, OfferView.of("/admin/x").withHost("example.com", "a=b c"), NAVIGATION)
			.status()).isEqualTo(426);
	}

	@Test
	void refusalsOverTlsAreNeverRedirected() {
		Offer tls12 = new Offer(true, "TLSv1.2", true, "GET", NAVIGATION.headers());
		Decision decision = this.policy.decider()
			.decide(tls12, OfferView.of("/admin/x").withHost("example.com", null), null);
		assertThat(decision).isInstanceOfSatisfying(Decision.Refuse.class,
				(refuse) -> assertThat(refuse.reason()).isEqualTo(UpgradeReason.TLS_VERSION_TOO_OLD));
		ResponsePlan plan = ((Decision.Refuse) decision).response();
		assertThat(plan.status()).isEqualTo(426);
		assertThat(plan.vary()).isNull();
		assertThat(new String(plan.body(), StandardCharsets.US_ASCII)).doesNotContain("httpsUrl");
	}

	@Test
	void thrownTlsRequirementOfANavigationIsRedirectedToo() {
		Decision.Respond thrown = this.policy.decider()
			.decideFailure(NAVIGATION, OfferView.of("/page").withHost("example.com", null),
					new UpgradeRequiredException(ProtocolRequirement.tls()), null);
		assertThat(thrown).isInstanceOf(Decision.Redirect.class);
		assertThat(thrown.response().status()).isEqualTo(308);
	}

	@Test
	void withoutBrowserRedirectANavigationGetsA426ThatDependsOnNoHeader() {
		UpgradePolicy policy = UpgradePolicy.builder()
			.httpsPort(() -> 8443)
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.build();
		ResponsePlan plan = respond(policy, OfferView.of("/admin/x").withHost("example.com", null), NAVIGATION);
		assertThat(plan.status()).isEqualTo(426);
		assertThat(plan.vary()).isNull();
	}

	@Test
	void strictTransportSecurityIsForResponsesOverTlsOfEndpointsThatRequireTls() {
		UpgradePolicy policy = UpgradePolicy.builder()
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.strictTransportSecurity(31536000, true)
			.build();
		Offer tls = new Offer(true, "TLSv1.3", true);
		Object handler = new Object();
		RequestDecider decider = policy.decider();
		assertThat(decider.sendsStrictTransportSecurity()).isTrue();
		assertThat(decider.decide(tls, inApp("/app/admin/x"), handler))
			.isEqualTo(new Decision.Proceed("max-age=31536000; includeSubDomains", false, List.of(), false));
		assertThat(decider.strictTransportSecurity(tls, inApp("/app/admin/x"), handler))
			.isEqualTo("max-age=31536000; includeSubDomains");
		assertThat(decider.decide(tls, inApp("/app/other"), handler)).isSameAs(Decision.PROCEED);
		assertThat(decider.strictTransportSecurity(tls, inApp("/app/other"), handler)).isNull();
		assertThat(decider.strictTransportSecurity(CLEARTEXT, inApp("/app/admin/x"), handler)).isNull();
		UpgradePolicy withoutSubDomains = UpgradePolicy.builder()
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.strictTransportSecurity(0, false)
			.build();
		assertThat(withoutSubDomains.decider().strictTransportSecurity(tls, OfferView.of("/admin/x"), handler))
			.isEqualTo("max-age=0");
		assertThat(this.policy.decider().sendsStrictTransportSecurity()).isFalse();
		assertThat(this.policy.decider().decide(new Offer(true, "TLSv1.3", true), OfferView.of("/admin/x"), handler))
			.isSameAs(Decision.PROCEED);
		assertThat(this.policy.decider().strictTransportSecurity(tls, OfferView.of("/admin/x"), handler)).isNull();
	}

	private ResponsePlan plan(String path, Offer request, String query) {
		return respond(this.policy, OfferView.of(path).withHost("example.com", query), request);
	}

	// What the policy answers a request that no handler serves, by its rules.
	static ResponsePlan respond(UpgradePolicy policy, OfferView view, Offer request) {
		Decision decision = policy.decider().decide(request, view, null);
		assertThat(decision).isInstanceOf(Decision.Respond.class);
		return ((Decision.Respond) decision).response();
	}

	private static OfferView inApp(String path) {
		return OfferView.of(path, "/app").withHost("example.com", null);
	}

}
