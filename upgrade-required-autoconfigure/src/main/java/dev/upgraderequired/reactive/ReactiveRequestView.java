package dev.upgraderequired.reactive;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.RequestView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * WebFlux's view of a request for the core: the server's facts about the exchange's request, its path as WebFlux
 * parsed it (which is what the handler mappings match), and what the filter's handler lookup recorded on the
 * exchange.
 *
 * @author upgrade-required
 */
final class ReactiveRequestView implements RequestView<ServerWebExchange> {

	private final ReactiveRequestFacts facts;

	private final ReactiveMappedHandlerRequirements mappedRequirements;

	ReactiveRequestView(ReactiveRequestFacts facts, ReactiveMappedHandlerRequirements mappedRequirements) {
		this.facts = facts;
		this.mappedRequirements = mappedRequirements;
	}

	@Override
	public boolean isSecure(ServerWebExchange exchange) {
		return this.facts.isSecure(exchange.getRequest());
	}

	@Override
	public @Nullable String tlsProtocol(ServerWebExchange exchange) {
		return this.facts.tlsProtocol(exchange.getRequest());
	}

	@Override
	public boolean isHttp1(ServerWebExchange exchange) {
		return this.facts.isHttp1(exchange.getRequest());
	}

	@Override
	public String method(ServerWebExchange exchange) {
		return this.facts.method(exchange.getRequest());
	}

	@Override
	public @Nullable String header(ServerWebExchange exchange, String name) {
		return this.facts.header(exchange.getRequest(), name);
	}

	@Override
	public @Nullable String remoteAddress(ServerWebExchange exchange) {
		return this.facts.remoteAddress(exchange.getRequest());
	}

	@Override
	public String path(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().value();
	}

	@Override
	public String contextPath(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().contextPath().value();
	}

	@Override
	public int applicationPathStart(ServerWebExchange exchange) {
		return contextPath(exchange).length();
	}

	@Override
	public int handlerPathStart(ServerWebExchange exchange, int applicationPathStart) {
		return applicationPathStart;
	}

	@Override
	public int indexedPathStart(ServerWebExchange exchange) {
		return applicationPathStart(exchange);
	}

	@Override
	public PathContainer indexedPath(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().pathWithinApplication();
	}

	@Override
	public String requestedPath(ServerWebExchange exchange) {
		return path(exchange);
	}

	@Override
	public @Nullable String query(ServerWebExchange exchange) {
		return exchange.getRequest().getURI().getRawQuery();
	}

	@Override
	public @Nullable String host(ServerWebExchange exchange) {
		return exchange.getRequest().getURI().getHost();
	}

	@Override
	public @Nullable String matchedPattern(ServerWebExchange exchange) {
		Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern instanceof PathPattern pathPattern) ? pathPattern.getPatternString()
				: (pattern != null) ? pattern.toString() : null;
	}

	@Override
	public ProtocolRequirement mediaTypeRequirement(ServerWebExchange exchange) {
		return this.mappedRequirements.forExchange(exchange);
	}

	@Override
	public ProtocolRequirement anyMethodRequirement(ServerWebExchange exchange) {
		return this.mappedRequirements.forAnyMethod(exchange);
	}

	// WebFlux's handler lookup applies CORS processing itself: a rejection leaves its 403 on the response.
	@Override
	public boolean processCors(ServerWebExchange exchange) {
		return !HttpStatus.FORBIDDEN.equals(exchange.getResponse().getStatusCode());
	}

}
