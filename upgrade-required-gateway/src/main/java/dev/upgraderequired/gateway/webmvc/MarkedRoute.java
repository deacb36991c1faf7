package dev.upgraderequired.gateway.webmvc;

import java.util.Optional;

import dev.upgraderequired.core.Route;

import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One route of the gateway, whose handler says which route it serves (see {@link RouteHandler}): the early filter's
 * lookup and the servlet's then know the route, and the starter decides the request with what it requires.
 *
 * @param <T> the response type
 * @author upgrade-required
 */
final class MarkedRoute<T extends ServerResponse> implements RouterFunction<T> {

	private final RouterFunction<T> delegate;

	private final Route route;

	MarkedRoute(RouterFunction<T> delegate, Route route) {
		this.delegate = delegate;
		this.route = route;
	}

	@Override
	public Optional<HandlerFunction<T>> route(ServerRequest request) {
		return this.delegate.route(request).map((handler) -> new RouteHandler<>(handler, this.route));
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		this.delegate.accept(visitor);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

	/**
	 * The handler of a route's request: the route's own, and the route it serves, which it also records in the
	 * request for the route's {@code RequireProtocol} filter function.
	 * @param <T> the response type
	 * @param handler the route's handler
	 * @param route the route
	 */
	record RouteHandler<T extends ServerResponse>(HandlerFunction<T> handler, Route route) implements HandlerFunction<T> {

		@Override
		public T handle(ServerRequest request) throws Exception {
			request.attributes().put(WebMvcRoutes.MATCHED_ROUTE, this.route);
			return this.handler.handle(request);
		}

	}

}
