package dev.upgraderequired.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequirementSource;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.UpgradeReason;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
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

	@Test
	void plainPathIsReadWhereItWasReceived() {
		HandlerIndex index = new HandlerIndex(List.of(
				new HandlerIndex.Indexed(PARSER.parse("/**"), List.of(), "resources", 1, false,
						ProtocolRequirement.none()),
				new HandlerIndex.Indexed(PARSER.parse("/"), List.of("GET"), "home", 0, true, ProtocolRequirement.tls()),
				new HandlerIndex.Indexed(PARSER.parse("/orders/{id}"), List.of("GET"), "get", 0, true,
						ProtocolRequirement.http2()),
				new HandlerIndex.Indexed(PARSER.parse("/orders/{id}"), List.of("POST"), "post", 0, true,
						ProtocolRequirement.tls())));
		int none = 1 << ProtocolRequirement.values().indexOf(ProtocolRequirement.none());
		int http2 = 1 << ProtocolRequirement.values().indexOf(ProtocolRequirement.http2());
		int tls = 1 << ProtocolRequirement.values().indexOf(ProtocolRequirement.tls());
		// The claiming mapping's handlers for the method, and the later mapping's resources.
		assertThat(index.requirementsFor("/ctx/orders/7", 4, "GET")).isEqualTo(http2 | none);
		assertThat(index.requirementsFor("/orders/7", 0, "HEAD")).isEqualTo(http2 | none);
		// No handler for the method: any of the claiming mapping's may be the one whose 405 it gets.
		assertThat(index.requirementsFor("/orders/7", 0, "DELETE")).isEqualTo(http2 | tls | none);
		assertThat(index.requirementsFor("/Orders/7", 0, "GET")).isEqualTo(none);
		assertThat(index.requirementsFor("/orders/7/items", 0, "GET")).isEqualTo(none);
		// Not plain: read by parsing it.
		for (String path : List.of("/", "/orders/7/", "/orders//7", "/orders/%37", "/orders;a=b/7", "/orders/./7",
				"orders/7", "/orders/\u00e9")) {
			assertThat(index.requirementsFor(path, 0, "GET")).as(path).isEqualTo(HandlerIndex.UNKNOWN);
		}
		assertThat(index.requirementsFor("/orders/7", -1, "GET")).isEqualTo(HandlerIndex.UNKNOWN);
		HandlerIndex withEmptyPattern = new HandlerIndex(List.of(
				new HandlerIndex.Indexed(PARSER.parse(""), List.of(), "empty", 0, true, ProtocolRequirement.tls()),
				new HandlerIndex.Indexed(PARSER.parse("/orders/{id}"), List.of(), "orders", 0, true,
						ProtocolRequirement.http2())));
		assertThat(withEmptyPattern.requirementsFor("/orders/7", 0, "GET")).isEqualTo(http2);
		HandlerIndex caseInsensitive = new HandlerIndex(List.of(new HandlerIndex.Indexed(
				caseInsensitive().parse("/orders/{id}"), List.of(), "orders", 0, true, ProtocolRequirement.tls())));
		assertThat(caseInsensitive.requirementsFor("/orders/7", 0, "GET")).isEqualTo(HandlerIndex.UNKNOWN);
		assertThat(caseInsensitive.requirementsFor("/other/7", 0, "GET")).isZero();
	}

	@Property(tries = 500)
	void plainReadingOfAPathFindsTheHandlersItsParsedPathIsFor(@ForAll("mostlyPlainPatterns") List<String> patterns,
			@ForAll("mostlyPlainPaths") List<String> paths, @ForAll("parsers") List<PathPatternParser> parsers,
			@ForAll("methods") List<List<String>> methods) {
		List<HandlerIndex.Indexed> indexed = new ArrayList<>();
		for (int i = 0; i < patterns.size(); i++) {
			// Three mappings, the second of which lets other mappings have requests it has no handler for.
			int mapping = i % 3;
			indexed.add(new HandlerIndex.Indexed(parsers.get(i % parsers.size()).parse(patterns.get(i)),
					methods.get(i % methods.size()), i, mapping, mapping != 1,
					ProtocolRequirement.values().get(i % ProtocolRequirement.values().size())));
		}
		HandlerIndex index = new HandlerIndex(indexed);
		for (String path : paths) {
			for (String method : List.of("GET", "HEAD", "POST", "DELETE")) {
				int plain = index.requirementsFor("/ctx" + path, 4, method);
				Statistics.label("read").collect(plain == HandlerIndex.UNKNOWN ? "parsed" : "plainly");
				List<HandlerIndex.Indexed> parsed = index.matching(PathContainer.parsePath(path));
				if (!parsed.isEmpty()) {
					assertThat(HandlerIndex.requirementsOf(parsed, method)).as(method + " " + path)
						.isEqualTo(servedBy(indexed, path, method));
				}
				if (plain != HandlerIndex.UNKNOWN) {
					assertThat(plain).as(method + " " + path).isEqualTo(servedBy(indexed, path, method));
					assertThat(index.matching("/ctx" + path, 4)).as(path).containsExactlyElementsOf(parsed);
				}
			}
		}
		Statistics.label("read").coverage((checker) -> checker.check("plainly").percentage((p) -> p > 15));
	}

	// The requirements of the handlers that may serve a request, from every pattern matched against the parsed path.
	private static int servedBy(List<HandlerIndex.Indexed> indexed, String path, String method) {
		PathContainer container = PathContainer.parsePath(path);
		List<HandlerIndex.Indexed> matching = indexed.stream()
			.filter((candidate) -> candidate.pattern().matches(container))
			.toList();
		int first = matching.stream().mapToInt(HandlerIndex.Indexed::mapping).min().orElse(-1);
		boolean claims = matching.stream().anyMatch((candidate) -> candidate.mapping() == first && candidate.claims());
		boolean forMethod = matching.stream()
			.anyMatch((candidate) -> candidate.mapping() == first && candidate.isFor(method));
		int served = 0;
		for (HandlerIndex.Indexed candidate : matching) {
			if (!claims || candidate.mapping() != first || !forMethod || candidate.isFor(method)) {
				served |= 1 << ProtocolRequirement.values().indexOf(candidate.requirement());
			}
		}
		return served;
	}

	@Provide
	Arbitrary<List<PathPatternParser>> parsers() {
		return Arbitraries
			.frequency(Tuple.of(6, PathPatternParser.defaultInstance), Tuple.of(3, new PathPatternParser()),
					Tuple.of(1, caseInsensitive()))
			.list()
			.ofMinSize(1)
			.ofMaxSize(3);
	}

	// Patterns that read a plain path as plain text does, with a few that do not (on the way to a path, those make
	// the index say it cannot tell).
	@Provide
	Arbitrary<List<String>> mostlyPlainPatterns() {
		Arbitrary<String> segment = Arbitraries.frequency(Tuple.of(6, "a"), Tuple.of(4, "A"), Tuple.of(4, "b"),
				Tuple.of(4, "api"), Tuple.of(6, "{id}"), Tuple.of(4, "**"), Tuple.of(2, ""), Tuple.of(2, "a.b"),
				Tuple.of(1, "{*rest}"), Tuple.of(1, "x*"), Tuple.of(1, "{name:[a-z]+}"));
		// Sometimes with the empty pattern of a mapping without a path.
		return Combinators.combine(patterns(segment).filter((patterns) -> patterns.size() <= 8), Arbitraries.of("", "/a"))
			.as((patterns, more) -> Stream.concat(patterns.stream(), Stream.of(more)).toList());
	}

	@Provide
	Arbitrary<List<String>> mostlyPlainPaths() {
		Arbitrary<String> segment = Arbitraries.frequency(Tuple.of(4, "a"), Tuple.of(2, "A"), Tuple.of(3, "b"),
				Tuple.of(2, "api"), Tuple.of(2, "7"), Tuple.of(1, "a.b"), Tuple.of(1, ""), Tuple.of(1, "%61"),
				Tuple.of(1, "a;p=1"), Tuple.of(1, "."));
		return segment.list().ofMinSize(0).ofMaxSize(4).map((segments) -> "/" + String.join("/", segments))
			.list().ofMinSize(1).ofMaxSize(8);
	}

	@Provide
	Arbitrary<List<List<String>>> methods() {
		return Arbitraries.of(List.<String>of(), List.of("GET"), List.of("POST"), List.of("GET", "PUT"), List.of("HEAD"))
			.list()
			.ofMinSize(1)
			.ofMaxSize(4);
	}

	private static PathPatternParser caseInsensitive() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

	@Provide
	Arbitrary<List<String>> patterns() {
		return patterns(Arbitraries.of("a", "A", "b", "api", "API", "{id}", "{*rest}", "*", "**", "x*",
				"{name:[a-z]+}", "v1", "", "%61", "a.b", "c?"));
	}

	private static Arbitrary<List<String>> patterns(Arbitrary<String> segment) {
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
				"a;p=1", "%2F", "cc", ".", "..", "a b");
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
