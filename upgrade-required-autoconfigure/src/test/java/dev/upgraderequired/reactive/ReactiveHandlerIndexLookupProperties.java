package dev.upgraderequired.reactive;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.upgraderequired.GeneratedMappings;
import dev.upgraderequired.GeneratedMappings.Endpoints;
import dev.upgraderequired.GeneratedMappings.Mapped;
import dev.upgraderequired.core.Decision;
import dev.upgraderequired.core.HandlerInventory;
import dev.upgraderequired.core.UpgradePolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.StaticApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index of handlers against WebFlux's own lookup, on generated request mappings, context paths and request
 * paths: what the index allows, the handler the lookup gives allows too; what the index refuses, the lookup gives a
 * handler (or a 405, 406 or 415 of the same mapping) that refuses it the same way.
 */
class ReactiveHandlerIndexLookupProperties {

	@Property(tries = 300)
	void indexNeverDisagreesWithTheLookup(@ForAll("mappings") List<Mapped> mappings,
			@ForAll("requests") List<Request> requests) {
		RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
		mapping.setApplicationContext(new StaticApplicationContext());
		mapping.afterPropertiesSet();
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(mapping.getPathPatternParser());
		Endpoints endpoints = new Endpoints();
		for (Mapped mapped : mappings) {
			RequestMappingInfo info = RequestMappingInfo.paths(mapped.pattern())
				.methods(mapped.methods())
				.options(options)
				.build();
			if (!mapping.getHandlerMethods().containsKey(info)) {
				mapping.registerMapping(info, endpoints, mapped.method());
			}
		}
		UpgradePolicy policy = UpgradePolicy.builder().build();
		HandlerInventory handlers = new HandlerInventory();
		handlers.mapping(true);
		mapping.getHandlerMethods()
			.forEach((info, method) -> handlers.addParsed(List.copyOf(info.getPatternsCondition().getPatterns()),
					mapping.getPathPatternParser(),
					info.getMethodsCondition().getMethods().stream().map(Enum::name).toList(), method,
					method.toString()));
		policy.index().index(handlers);
		ReactiveRequestView view = new ReactiveRequestView(new GeneratedFacts(),
				new ReactiveMappedHandlerRequirements());
		for (Request generated : requests) {
			MockServerWebExchange exchange = generated.toExchange();
			Decision indexed = policy.decider().decide(exchange, view);
			Object handler = null;
			Throwable failure = null;
			try {
				handler = mapping.getHandler(exchange).block(Duration.ofSeconds(5));
			}
			catch (IllegalStateException ex) {
				// Two mappings as specific as each other ("Ambiguous handler methods"): a configuration error.
				continue;
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			Decision byLookup = (handler != null) ? policy.decider().decide(exchange, view, handler) : null;
			GeneratedMappings.assertAgrees(indexed, byLookup, failure, generated + " with " + mappings);
		}
		GeneratedMappings.checkCoverage();
	}

	@Provide
	Arbitrary<List<Mapped>> mappings() {
		return GeneratedMappings.mappings();
	}

	@Provide
	Arbitrary<List<Request>> requests() {
		Arbitrary<String> path = GeneratedMappings.paths();
		Arbitrary<String> method = GeneratedMappings.methods();
		return Combinators
			.combine(Arbitraries.of("", "/ctx"), path, method, Arbitraries.of(false, true), Arbitraries.of(false, true))
			.as(Request::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(10);
	}

	record Request(String contextPath, String path, String method, boolean secure, boolean http2) {

		MockServerWebExchange toExchange() {
			String uri = (this.secure ? "https://localhost" : "http://localhost") + this.contextPath + this.path;
			MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest
				.method(HttpMethod.valueOf(this.method), URI.create(uri))
				.contextPath(this.contextPath);
			if (this.http2) {
				request.header(GeneratedFacts.HTTP2, "true");
			}
			return MockServerWebExchange.from(request);
		}

	}

	// The request's scheme says whether it came over TLS (1.3), and a test header whether over HTTP/2.
	static final class GeneratedFacts implements ReactiveRequestFacts {

		static final String HTTP2 = "X-Test-Http2";

		@Override
		public @Nullable String tlsProtocol(ServerHttpRequest request) {
			return isSecure(request) ? "TLSv1.3" : null;
		}

		@Override
		public boolean isHttp1(ServerHttpRequest request) {
			return request.getHeaders().getFirst(HTTP2) == null;
		}

	}

}
