package dev.upgraderequired.reactive;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.EndpointRequirements;
import dev.upgraderequired.core.Rejection;
import dev.upgraderequired.core.UpgradeDecider;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebHandler;

/**
 * Finds the handler of a request once and decides whether the request meets what the handler and the path rules
 * require. Ordered first among the handler mappings of the {@code DispatcherHandler}, it looks the handler up in all
 * the others, in their order.
 * <p>
 * {@link UpgradeRequiredWebFilter} calls {@link #select} before handler selection, refuses the request if need be,
 * and otherwise leaves the selection in the exchange, where this mapping hands it to the {@code DispatcherHandler}:
 * the lookup is not done twice. If a filter after it replaced the exchange (a rewritten path, another method, a
 * decorated exchange whose principal a router function would read), or if no filter ran, this mapping selects
 * again for the exchange as it is now and, if that request is refused, returns a handler that writes the 426, so a
 * replaced request cannot slip past the check.
 * <p>
 * A request without a handler fails with 404, as the {@code DispatcherHandler} of the same application context
 * would fail it, rather than being looked up a second time. Exchanges of other application contexts (a child
 * context sees this mapping among its parent's beans) and CORS pre-flight requests are left to the other mappings,
 * and a request that CORS processing refused keeps its 403.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UpgradeRequiredHandlerMapping implements HandlerMapping, Ordered, ApplicationContextAware {

	private static final String SELECTION_ATTRIBUTE = UpgradeRequiredHandlerMapping.class.getName() + ".selection";

	private final EndpointRequirements requirements;

	private final ReactiveMappedHandlerRequirements mappedRequirements;

	private final ReactiveRequestFacts facts;

	private final ReactiveUpgradeResponseWriter writer;

	private @Nullable ApplicationContext applicationContext;

	private volatile @Nullable List<HandlerMapping> delegates;

	/**
	 * Create a handler mapping.
	 * @param requirements what each endpoint requires
	 * @param mappedRequirements the requirements of handler methods, for requests refused before mapping
	 * @param facts reads what a request offers
	 * @param writer writes refusals
	 */
	public UpgradeRequiredHandlerMapping(EndpointRequirements requirements,
			ReactiveMappedHandlerRequirements mappedRequirements, ReactiveRequestFacts facts,
			ReactiveUpgradeResponseWriter writer) {
		this.requirements = requirements;
		this.mappedRequirements = mappedRequirements;
		this.facts = facts;
		this.writer = writer;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Object> getHandler(ServerWebExchange exchange) {
		if (!serves(exchange) || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		Selection selection = exchange.getAttribute(SELECTION_ATTRIBUTE);
		if (selection != null && selection.exchange() == exchange) {
			return selection.toHandler(this);
		}
		return select(exchange).flatMap((current) -> current.toHandler(this));
	}

	/**
	 * Whether this mapping looks after an exchange: a child context, such as the management server's, sees this
	 * mapping among its parent's beans but has handlers of its own.
	 * @param exchange the exchange
	 * @return whether the exchange belongs to this mapping's application context
	 */
	boolean serves(ServerWebExchange exchange) {
		ApplicationContext context = exchange.getApplicationContext();
		return context == null || context == this.applicationContext;
	}

	/**
	 * Look up the handler of a request, decide whether the request meets the requirements, and remember the
	 * outcome in the exchange for {@link #getHandler}.
	 * @param exchange the exchange
	 * @return the selection, never empty
	 */
	Mono<Selection> select(ServerWebExchange exchange) {
		return Flux.fromIterable(delegates())
			.concatMap((mapping) -> mapping.getHandler(exchange))
			.next()
			.map((handler) -> remember(new Selection(exchange, handler, null,
					decide(this.requirements.forHandler(handler), exchange))))
			.onErrorResume((ex) -> Mono
				.just(remember(new Selection(exchange, null, ex, decideFailure(ex, exchange)))))
			.switchIfEmpty(Mono.fromSupplier(() -> remember(new Selection(exchange, null, null, null))));
	}

	/**
	 * Write the 426 response of a rejection.
	 * @param rejection the rejection
	 * @param exchange the exchange
	 * @return completes when the response has been written
	 */
	Mono<Void> refuse(Rejection rejection, ServerWebExchange exchange) {
		return this.writer.write(rejection, exchange);
	}

	private @Nullable Rejection decide(ProtocolRequirement handlerRequirement, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		RequestPath path = request.getPath();
		ProtocolRequirement requirement = this.requirements.withPathRules(handlerRequirement, path.value(),
				path.contextPath().value());
		// A request that CORS processing refused during the lookup keeps its 403, as the DispatcherHandler does.
		if (requirement.isNone() || HttpStatus.FORBIDDEN.equals(exchange.getResponse().getStatusCode())) {
			return null;
		}
		return UpgradeDecider.decide(requirement, request, this.facts);
	}

	// A protected endpoint refused only on its produces or consumes condition still needs the upgrade first.
	private @Nullable Rejection decideFailure(Throwable ex, ServerWebExchange exchange) {
		if (ex instanceof NotAcceptableStatusException || ex instanceof UnsupportedMediaTypeStatusException) {
			return decide(this.mappedRequirements.forExchange(exchange), exchange);
		}
		return null;
	}

	private static Selection remember(Selection selection) {
		selection.exchange().getAttributes().put(SELECTION_ATTRIBUTE, selection);
		return selection;
	}

	private List<HandlerMapping> delegates() {
		List<HandlerMapping> delegates = this.delegates;
		if (delegates == null) {
			Assert.state(this.applicationContext != null, "No ApplicationContext set");
			// The same mappings, in the same order, as the DispatcherHandler's; never another instance of this one.
			List<HandlerMapping> found = new ArrayList<>(BeanFactoryUtils
				.beansOfTypeIncludingAncestors(this.applicationContext, HandlerMapping.class, true, false)
				.values());
			found.removeIf(UpgradeRequiredHandlerMapping.class::isInstance);
			AnnotationAwareOrderComparator.sort(found);
			delegates = List.copyOf(found);
			this.delegates = delegates;
		}
		return delegates;
	}

	/**
	 * The outcome of looking up the handler of one exchange: the handler or the failure, and the rejection, if any.
	 */
	record Selection(ServerWebExchange exchange, @Nullable Object handler, @Nullable Throwable failure,
			@Nullable Rejection rejection) {

		Mono<Object> toHandler(UpgradeRequiredHandlerMapping mapping) {
			Rejection rejection = this.rejection;
			if (rejection != null) {
				WebHandler refusal = (exchange) -> mapping.refuse(rejection, exchange);
				return Mono.just(refusal);
			}
			if (this.handler != null) {
				return Mono.just(this.handler);
			}
			if (this.failure != null) {
				return Mono.error(this.failure);
			}
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}

	}

}
