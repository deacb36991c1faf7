package dev.upgraderequired.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeRequiredException;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the parsers of request facts and of the decision core, over generated input: whatever the header
 * values, TLS protocol names, methods and paths, every decision and response is made without an exception, and a
 * request never passes where a request that offers less is refused.
 */
class RequestFactsProperties {

	// Headers the core reads, with values browsers, clients and attackers send, and noise.
	private static final List<String> HEADERS = List.of("Upgrade", "Sec-WebSocket-Version", "Origin",
			"Access-Control-Request-Method", "Sec-Fetch-Mode", "Upgrade-Insecure-Requests", "Accept", "Content-Length",
			"Transfer-Encoding");

	private static final List<String> TLS_NAMES = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "SSLv3",
			"NONE", "TLSv1.4", "tlsv1.3", "TLSv1.3 ", "DTLSv1.2", "");

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.httpsPort(() -> 8443)
		.browserRedirect(true)
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.TLS_1_3, "min-tls-version")
		.rule("/stream/**", "paths", Protocol.HTTP_2, TlsVersion.ANY, "min-tls-version")
		.rule("/ws/**", "paths", Protocol.WEBSOCKET, TlsVersion.ANY, "min-tls-version")
		.build();

	@Property
	void acceptIsReadWithoutFailingWhateverItHolds(@ForAll @WithNull @StringLength(max = 300) String accept) {
		BrowserNavigation.prefersHtml(accept);
	}

	@Property
	void acceptMadeOfMediaRangesAndWeightsIsReadWithoutFailing(@ForAll("accepts") String accept) {
		boolean html = BrowserNavigation.prefersHtml(accept);
		if (html) {
			assertThat(accept.toLowerCase()).contains("text/html");
		}
	}

	@Property
	void upgradeTokensAreFoundWithoutFailing(@ForAll @WithNull String value, @ForAll("tokens") String token) {
		boolean listed = UpgradeDecider.listsToken(value, token);
		if (listed) {
			assertThat(value.toLowerCase()).contains(token.toLowerCase());
		}
	}

	@Property
	void tlsProtocolNamesNeverFailAndOnlyJsseNamesOfRecentVersionsSatisfyAMinimum(@ForAll("tlsNames") String name) {
		if (TlsVersion.TLS_1_2.isSatisfiedBy(name)) {
			assertThat(name).matches("TLSv1\\.[2-9]");
		}
		if (TlsVersion.TLS_1_3.isSatisfiedBy(name)) {
			assertThat(name).matches("TLSv1\\.[3-9]");
		}
	}

	@Property(tries = 2000)
	void everyRequestGetsADecisionAndAResponseWithoutFailing(@ForAll("requests") Offer request,
			@ForAll("paths") String path) {
		Decision decision = this.policy.decider().decide(request, OfferView.of(path).withHost("example.com", "q=1"),
				null);
		assertThat(decision).isNotSameAs(Decision.CORS_REJECTED).isNotSameAs(Decision.LOOK_UP);
		if (decision instanceof Decision.Respond respond) {
			ResponsePlan plan = respond.response();
			assertThat(plan.status()).isIn(308, 426);
			assertThat(plan.headers()).allSatisfy((header) -> assertThat(header.value()).doesNotContain("\r", "\n"));
			if (!request.http1()) {
				assertThat(plan.headers()).extracting(ResponsePlan.Header::name)
					.doesNotContain("Connection", "Upgrade");
			}
		}
		this.policy.decider()
			.decideFailure(request, OfferView.of(path).withHost(null, null),
					new UpgradeRequiredException(ProtocolRequirement.tls()), null);
	}

	@Property(tries = 2000)
	void requestThatOffersLessIsNeverServedWhereOneThatOffersMoreIsRefused(@ForAll("requests") Offer request,
			@ForAll("requirements") ProtocolRequirement requirement) {
		Offer weaker = weaker(request);
		if (UpgradeDecider.decide(requirement, request, Offer.FACTS) != null) {
			assertThat(UpgradeDecider.decide(requirement, weaker, Offer.FACTS)).isNotNull();
		}
	}

	@Property
	void pathThatARuleMatchesIsAlwaysLookedAtByTheFilter(@ForAll("ruledPaths") String path) {
		Offer cleartext = new Offer(false, null, true);
		assertThat(this.policy.index().mayRefuse(path, 0, 0, cleartext, Offer.FACTS)).isTrue();
		assertThat(this.policy.decider().decide(cleartext, OfferView.of(path), null))
			.isInstanceOf(Decision.Refuse.class);
	}

	// The same request with less: cleartext or an older TLS version, HTTP/1.1, no WebSocket handshake, whichever the
	// request offered; headers that are not about the protocol are kept.
	private static Offer weaker(Offer request) {
		Map<String, String> headers = new HashMap<>(request.headers());
		headers.remove("Upgrade");
		return new Offer(false, null, true, request.method(), headers);
	}

	@Provide
	Arbitrary<String> accepts() {
		Arbitrary<String> range = Arbitraries.of("text/html", "TEXT/HTML", "application/json", "*/*", "text/*",
				"application/xhtml+xml", "", " ", "text/htm", "image/webp");
		Arbitrary<String> weight = Arbitraries.of("", ";q=0", ";q=1", ";q=0.5", ";q=0.999", ";q=1.0", ";q=2",
				";q=-1", ";q=", ";Q=0.8", ";level=1", ";q=0.1234", ";q=abc", ";;");
		Arbitrary<String> member = Combinators.combine(range, weight).as((r, w) -> r + w);
		return member.list().ofMaxSize(12).map((members) -> String.join(",", members));
	}

	@Provide
	Arbitrary<String> tokens() {
		return Arbitraries.of("websocket", "h2c", "TLS/1.2");
	}

	@Provide
	Arbitrary<String> tlsNames() {
		return Arbitraries.oneOf(Arbitraries.of(TLS_NAMES), Arbitraries.strings().ofMaxLength(12));
	}

	@Provide
	Arbitrary<String> paths() {
		Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("admin", "ADMIN", "%61dmin", "stream", "ws", "",
				".", "..", "x;y=1", "a%2Fb", "\u00e9", "\\", "api"), Arbitraries.strings().ofMaxLength(6));
		return segment.list().ofMaxSize(5).map((segments) -> "/" + String.join("/", segments));
	}

	@Provide
	Arbitrary<String> ruledPaths() {
		Arbitrary<String> tail = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.')
			.ofMaxLength(10)
			.list()
			.ofMaxSize(3)
			.map((segments) -> String.join("/", segments));
		Arbitrary<String> head = Arbitraries.of("/admin", "/ADMIN", "/Admin", "/admin/", "/stream", "/ws");
		return Combinators.combine(head, tail).as((h, t) -> h.endsWith("/") || t.isEmpty() ? h + t : h + "/" + t);
	}

	@Provide
	Arbitrary<ProtocolRequirement> requirements() {
		return Arbitraries.of(ProtocolRequirement.tls(), ProtocolRequirement.http2(), ProtocolRequirement.websocket(),
				ProtocolRequirement.of(Protocol.TLS, TlsVersion.TLS_1_2),
				ProtocolRequirement.of(Protocol.TLS, TlsVersion.TLS_1_3),
				ProtocolRequirement.tls().and(ProtocolRequirement.http2()),
				ProtocolRequirement.tls().and(ProtocolRequirement.websocket()));
	}

	@Provide
	Arbitrary<Offer> requests() {
		Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("websocket", "WebSocket, h2c", "13", "8", "navigate",
				"cors", "1", "text/html", "*/*", "chunked", "10", "99999999999999999999", "-1", "", " ", ","),
				Arbitraries.strings().ofMaxLength(20));
		Arbitrary<Map<String, String>> headers = Arbitraries.maps(Arbitraries.of(HEADERS), value).ofMaxSize(6);
		Arbitrary<String> method = Arbitraries.of("GET", "HEAD", "POST", "OPTIONS", "PUT", "get", "", "X");
		Arbitrary<String> tls = Arbitraries.of(TLS_NAMES).injectNull(0.3);
		return Combinators.combine(Arbitraries.of(true, false), tls, Arbitraries.of(true, false), method, headers)
			.as((secure, name, http1, verb, fields) -> new Offer(secure, secure ? name : null, http1, verb, fields));
	}

}
