package dev.upgraderequired.reactive;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.core.IndexedDecision;
import dev.upgraderequired.core.Refusal;
import dev.upgraderequired.core.UpgradePolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The early filter of WebFlux applications: refuses, before Spring Security's filter chain and the handler, every
 * request that its handler or a path rule refuses, writing the response itself.
 * <p>
 * A request that meets the requirement of every path rule and protected handler its path may be for passes at the
 * cost of one walk over its path. Any other request is decided from the index of the handlers listed at startup
 * where it can tell (see {@link dev.upgraderequired.core.UpgradePolicy#decideFromIndex}), else looked up in the
 * {@code DispatcherHandler}'s handler mappings, in their order, and decided; a request let through is looked up again by the {@code DispatcherHandler}.
 * A request for no handler is held to the path rules. A request that CORS processing rejected during the lookup
 * keeps its 403. Exchanges of another application context (a management server's child context sees this filter
 * among its parent's beans) are left alone. When configured, it adds {@code Strict-Transport-Security} to the
 * response of a request over TLS that it lets through to an endpoint requiring TLS.
 * <p>
 * It decides on the exchange as the filters before it left it: a filter that changes what a request's handler is
 * chosen by (its path, method or headers) must be ordered before it.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(UpgradeRequiredWebFilter.class);

	private static final Object ALLOWED = new Object();

	private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private final ReactiveRefusalWriter writer;

	private final UpgradeRequiredWebExceptionHandler failures;

	private final ReactiveMappedHandlerRequirements mappedRequirements;

	private final ApplicationContext applicationContext;

	private final int order;

	private volatile @Nullable List<HandlerMapping> mappings;

	UpgradeRequiredWebFilter(ReactiveRefusalWriter writer, UpgradeRequiredWebExceptionHandler failures,
			ReactiveMappedHandlerRequirements mappedRequirements, ApplicationContext applicationContext, int order) {
		this.writer = writer;
		this.failures = failures;
		this.mappedRequirements = mappedRequirements;
		this.applicationContext = applicationContext;
		this.order = order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		RequestPath path = request.getPath();
		int applicationPathStart = path.contextPath().value().length();
		if (!serves(exchange)) {
			return chain.filter(exchange);
		}
		if (!this.writer.policy()
			.mayRefuse(path.value(), applicationPathStart, applicationPathStart, request, this.writer.facts())) {
			return proceed(exchange, chain);
		}
		IndexedDecision indexed = this.writer.policy()
			.decideFromIndex(path.pathWithinApplication(), path.value(), path.contextPath().value(), request,
					this.writer.facts());
		if (indexed == IndexedDecision.ALLOWED) {
			return proceed(exchange, chain);
		}
		if (indexed instanceof IndexedDecision.Refused refused) {
			exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, refused.pattern());
			return this.writer.write(refused.refusal(), refused.handler(), exchange);
		}
		return Flux.fromIterable(mappings())
			.concatMap((mapping) -> mapping.getHandler(exchange))
			.next()
			// Only the lookup's failure is decided as the DispatcherHandler would fail it: a failure to decide (an
			// invalid annotation on a handler unknown at startup, a failing resolver) fails the request.
			.onErrorResume((ex) -> Mono.just(new LookupFailure(ex)))
			.map((found) -> decide(found, exchange))
			.switchIfEmpty(Mono.fromSupplier(() -> orAllowed(this.writer.policy()
				.decidePath(path.value(), path.contextPath().value(), request, this.writer.facts()))))
			.flatMap((decision) -> (decision instanceof Refused refused)
					? this.writer.write(refused.refusal(), refused.handler(), exchange)
					: (decision instanceof Refusal refusal) ? this.writer.write(refusal, exchange)
							: proceed(exchange, chain));
	}

	// When configured, a response over TLS of an endpoint that requires TLS gets Strict-Transport-Security (unless
	// the application set its own): its handler is known once the DispatcherHandler has looked it up, so it is added
	// just before the response is committed. That costs a commit action per request over TLS, only while HSTS is on.
	private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain) {
		UpgradePolicy policy = this.writer.policy();
		ServerHttpRequest request = exchange.getRequest();
		if (policy.sendsStrictTransportSecurity() && this.writer.facts().isSecure(request)) {
			exchange.getResponse().beforeCommit(() -> {
				addStrictTransportSecurity(policy, exchange);
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

	private void addStrictTransportSecurity(UpgradePolicy policy, ServerWebExchange exchange) {
		Object handler = exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (handler == null || headers.containsHeader(STRICT_TRANSPORT_SECURITY)) {
			return;
		}
		ServerHttpRequest request = exchange.getRequest();
		try {
			String hsts = policy.strictTransportSecurity(handler, request.getPath().value(),
					request.getPath().contextPath().value(), request, this.writer.facts());
			if (hsts != null) {
				headers.set(STRICT_TRANSPORT_SECURITY, hsts);
			}
		}
		catch (RuntimeException ex) {
			// The handler's requirement was decided before it ran; a response it wrote is not failed for a header.
			logger.debug("Strict-Transport-Security not added: " + ex.getMessage());
		}
	}

	private Object decide(Object found, ServerWebExchange exchange) {
		if (found instanceof LookupFailure failure) {
			return orAllowed(this.failures.refusalFor(exchange, failure.cause()));
		}
		// A request that CORS processing refused during the lookup keeps its 403, as the DispatcherHandler does.
		if (HttpStatus.FORBIDDEN.equals(exchange.getResponse().getStatusCode())) {
			return ALLOWED;
		}
		ServerHttpRequest request = exchange.getRequest();
		Refusal refusal = this.writer.policy()
			.decide(found, request.getPath().value(), request.getPath().contextPath().value(), request,
					this.writer.facts(), (ignored) -> this.mappedRequirements.forAnyMethod(exchange));
		return (refusal != null) ? new Refused(refusal, found) : ALLOWED;
	}

	private static Object orAllowed(@Nullable Refusal refusal) {
		return (refusal != null) ? refusal : ALLOWED;
	}

	// A child context, such as the management server's, has handlers of its own.
	private boolean serves(ServerWebExchange exchange) {
		ApplicationContext context = exchange.getApplicationContext();
		return context == null || context == this.applicationContext;
	}

	// The same mappings, in the same order, as the DispatcherHandler's.
	private List<HandlerMapping> mappings() {
		List<HandlerMapping> mappings = this.mappings;
		if (mappings == null) {
			List<HandlerMapping> found = new ArrayList<>(BeanFactoryUtils
				.beansOfTypeIncludingAncestors(this.applicationContext, HandlerMapping.class, true, false)
				.values());
			AnnotationAwareOrderComparator.sort(found);
			mappings = List.copyOf(found);
			this.mappings = mappings;
		}
		return mappings;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	private record LookupFailure(Throwable cause) {
	}

	// A refusal of the handler it was decided for.
	private record Refused(Refusal refusal, Object handler) {
	}

}
