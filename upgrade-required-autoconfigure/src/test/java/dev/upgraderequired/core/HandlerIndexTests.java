package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandlerIndex} and {@link RequestDecider#decide(Object, RequestView)}.
 */
class HandlerIndexTests {

	private static final Offer CLEARTEXT = new Offer(false, null, true);

	private static final Offer TLS = new Offer(true, "TLSv1.3", true);

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	@Test
	void refusalIsDecidedWhenTheClaimingMappingsMatchesAreOnePatternWithOneRequirement() {
		UpgradePolicy policy = policy((handlers) -> {
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/orders/{id}")), PARSER, List.of("GET"), new Secure(), "get");
			handlers.addParsed(List.of(PARSER.parse("/orders/{id}")), PARSER, List.of("PUT"), new Secure(), "put");
			handlers.mapping(false);
			handlers.addParsed(List.of(PARSER.parse("/**")), PARSER, List.of(), new Open(), "resources");
		});
		Decision decision = decide(policy, "/orders/7", CLEARTEXT);
		assertThat(decision).isInstanceOfSatisfying(Decision.Refuse.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(UpgradeReason.TLS_REQUIRED);
			assertThat(refused.pattern()).isEqualTo("/orders/{id}");
			assertThat(refused.source()).isEqualTo(RequirementSource.RESOLVER);
		});
		assertThat(decide(policy, "/orders/7", TLS)).isInstanceOf(Decision.Proceed.class);
		// Nothing protected matches: whichever handler serves it, nothing is required.
		assertThat(decide(policy, "/orders", CLEARTEXT)).isInstanceOf(Decision.Proceed.class);
	}

	@Test
	void indexCannotTellWhenTheClaimingMappingsMatchesDisagree() {
		UpgradePolicy policy = policy((handlers) -> {
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/orders/{id}")), PARSER, List.of("GET"), new Open(), "get");
			handlers.addParsed(List.of(PARSER.parse("/orders/{id}")), PARSER, List.of("PUT"), new Secure(), "put");
			handlers.addParsed(List.of(PARSER.parse("/files/{name}")), PARSER, List.of("GET"), new Secure(), "file");
			handlers.addParsed(List.of(PARSER.parse("/files/{*rest}")), PARSER, List.of("GET"), new Secure(), "files");
		});
		// A method no handler is mapped to: the 405's requirement is the best match's, whichever that is.
		assertThat(decide(policy, "/orders/7", CLEARTEXT, "DELETE")).isSameAs(Decision.LOOK_UP);
		// Two patterns: which one is best is the mapping's to say (and the metrics' uri with it).
		assertThat(decide(policy, "/files/a", CLEARTEXT)).isSameAs(Decision.LOOK_UP);
		assertThat(decide(policy, "/orders/7", TLS, "DELETE")).isInstanceOf(Decision.Proceed.class);
	}

	@Test
	void handlersOfTheRequestsMethodAreTheOnesTheLookupChoosesAmong() {
		UpgradePolicy policy = policy((handlers) -> {
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/orders/{id}")), PARSER, List.of("GET"), new Open(), "get");
			handlers.addParsed(List.of(PARSER.parse("/orders/{id}")), PARSER, List.of("PUT"), new Secure(), "put");
		});
		assertThat(decide(policy, "/orders/7", CLEARTEXT, "GET")).isInstanceOf(Decision.Proceed.class);
		assertThat(decide(policy, "/orders/7", CLEARTEXT, "HEAD")).isInstanceOf(Decision.Proceed.class);
		assertThat(decide(policy, "/orders/7", CLEARTEXT, "PUT")).isInstanceOf(Decision.Refuse.class);
	}

	@Test
	void protectedHandlerOfALaterMappingIsNotAllowedForByTheFirstOne() {
		UpgradePolicy policy = policy((handlers) -> {
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/ws")), PARSER, List.of("GET"), new Open(), "page");
			handlers.mapping(false);
			handlers.addParsed(List.of(PARSER.parse("/ws")), PARSER, List.of(), new Secure(), "socket");
		});
		// A request mapping may still let a request go (a failed headers condition): the later handler may be it.
		assertThat(decide(policy, "/ws", CLEARTEXT, "GET")).isSameAs(Decision.LOOK_UP);
	}

	@Test
	void indexCannotTellWhenTheFirstMatchingMappingMayLetAnotherMappingHaveTheRequest() {
		UpgradePolicy policy = policy((handlers) -> {
			handlers.mapping(false);
			handlers.addParsed(List.of(PARSER.parse("/ws/{name}")), PARSER, List.of(), new Secure(), "url handler");
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/ws/{name}")), PARSER, List.of(), new Secure(), "request mapping");
		});
		assertThat(decide(policy, "/ws/echo", CLEARTEXT)).isSameAs(Decision.LOOK_UP);
	}

	@Test
	void indexCannotTellForCrossOriginRequestsOptionsOrHandlersItCouldNotList() {
		UpgradePolicy policy = policy((handlers) -> {
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/secure")), PARSER, List.of("GET"), new Secure(), "secure");
		});
		assertThat(decide(policy, "/secure", CLEARTEXT.with("Origin", "https://example.com"))).isSameAs(Decision.LOOK_UP);
		assertThat(decide(policy, "/secure",
				new Offer(false, null, true, "OPTIONS", java.util.Map.of()))).isSameAs(Decision.LOOK_UP);
		UpgradePolicy unparsed = policy((handlers) -> {
			handlers.mapping(true);
			handlers.add(List.of("/secure"), List.of("GET"), new Secure(), "secure");
		});
		assertThat(decide(unparsed, "/secure", CLEARTEXT)).isSameAs(Decision.LOOK_UP);
		UpgradePolicy routerFunctions = policy((handlers) -> {
			handlers.mapping(true);
			handlers.addParsed(List.of(PARSER.parse("/secure")), PARSER, List.of("GET"), new Secure(), "secure");
			handlers.mapping(false);
			handlers.addRouterFunctions(false);
		});
		assertThat(decide(routerFunctions, "/secure", CLEARTEXT)).isSameAs(Decision.LOOK_UP);
	}

	@Test
	void pathRulesCountForEveryHandlerAndForPathsNoHandlerMatches() {
		UpgradePolicy policy = UpgradePolicy.builder()
			.rule("/admin/**", "rules[0].paths", Protocol.TLS, TlsVersion.ANY, "rules[0].min-tls-version")
			.resolver(HandlerIndexTests::requirement)
			.build();
		HandlerInventory handlers = new HandlerInventory();
		handlers.mapping(true);
		handlers.addParsed(List.of(PARSER.parse("/admin/status")), PARSER, List.of("GET"), new Open(), "status");
		policy.index().index(handlers);
		assertThat(decide(policy, "/admin/status", CLEARTEXT)).isInstanceOf(Decision.Refuse.class);
		assertThat(decide(policy, "/admin/status", TLS)).isInstanceOf(Decision.Proceed.class);
		// No handler: the lookup finds none, and the rule alone decides; the index leaves that to it.
		assertThat(decide(policy, "/admin/other", CLEARTEXT)).isSameAs(Decision.LOOK_UP);
		assertThat(decide(policy, "/admin/other", TLS)).isInstanceOf(Decision.Proceed.class);
	}

	@Property(tries = 300)
	void indexFindsExactlyThePatternsThatMatchAPath(@ForAll("patterns") List<String> patterns,
			@ForAll("paths") List<String> paths, @ForAll boolean caseInsensitive) {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(!caseInsensitive);
		List<HandlerIndex.Indexed> indexed = new ArrayList<>();
		for (int i = 0; i < patterns.size(); i++) {
			indexed.add(new HandlerIndex.Indexed(parser.parse(patterns.get(i)), List.of(), i, i % 3, true,
					ProtocolRequirement.tls()));
		}
		HandlerIndex index = new HandlerIndex(indexed);
		for (String path : paths) {
			PathContainer container = RequestPath.parse(path, null).pathWithinApplication();
			List<PathPattern> expected = indexed.stream()
				.filter((candidate) -> candidate.pattern().matches(container))
				.map(HandlerIndex.Indexed::pattern)
				.toList();
			assertThat(index.matching(container)).as(path)
				.extracting(HandlerIndex.Indexed::pattern)
				.containsExactlyInAnyOrderElementsOf(expected);
			assertThat(index.matching(container)).as(path)
				.isSortedAccordingTo((a, b) -> Integer.compare(a.mapping(), b.mapping()));
		}
	}

	@Provide
	Arbitrary<List<String>> patterns() {
		Arbitrary<String> segment = Arbitraries.of("a", "A", "b", "api", "API", "{id}", "{*rest}", "*", "**", "x*",
				"{name:[a-z]+}", "v1", "", "%61", "a.b", "c?");
		return segment.list().ofMinSize(0).ofMaxSize(4).map((segments) -> {
			StringBuilder pattern = new StringBuilder();
			for (int i = 0; i < segments.size(); i++) {
				String s = segments.get(i);
				// Spring allows a multi-segment capture or ** only at the end.
				if ((s.equals("{*rest}") || s.equals("**")) && i < segments.size() - 1) {
					s = "{v" + i + "}";
				}
				if (s.startsWith("{") && !s.equals("{*rest}") && pattern.indexOf("{" + s.substring(1)) >= 0) {
					s = "{w" + i + "}";
				}
				pattern.append('/').append(s);
			}
			return (pattern.length() == 0) ? "/" : pattern.toString();
		}).list().ofMinSize(1).ofMaxSize(12);
	}

	@Provide
	Arbitrary<List<String>> paths() {
		Arbitrary<String> segment = Arbitraries.of("a", "A", "b", "api", "Api", "7", "v1", "", "%61", "a.b", "x1",
				"a;p=1", "%2F", "cc");
		return segment.list().ofMinSize(0).ofMaxSize(5).map((segments) -> "/" + String.join("/", segments))
			.list().ofMinSize(1).ofMaxSize(8);
	}

	private static Decision decide(UpgradePolicy policy, String path, Offer request) {
		return policy.decider().decide(request, OfferView.of(path));
	}

	private static Decision decide(UpgradePolicy policy, String path, Offer request, String method) {
		return decide(policy, path, new Offer(request.secure(), request.tls(), request.http1(), method,
				request.headers()));
	}

	private static UpgradePolicy policy(java.util.function.Consumer<HandlerInventory> listing) {
		UpgradePolicy policy = UpgradePolicy.builder().resolver(HandlerIndexTests::requirement).build();
		HandlerInventory handlers = new HandlerInventory();
		listing.accept(handlers);
		policy.index().index(handlers);
		return policy;
	}

	private static ProtocolRequirement requirement(Object handler) {
		return (handler instanceof Secure) ? ProtocolRequirement.tls() : ProtocolRequirement.none();
	}

	static class Secure {

	}

	static class Open {

	}

}
