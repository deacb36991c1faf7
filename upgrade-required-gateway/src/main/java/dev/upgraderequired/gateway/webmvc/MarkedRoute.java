package dev.upgraderequired.gateway.webmvc;

import java.util.Optional;

import dev.upgraderequired.core.Route;

import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One route of the gateway, which records in the request that it matched it: the early filter's lookup and the
 * servlet's then know the route, and the starter decides the request with what it requires.
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

	Route route() {
		return this.route;
	}

	@Override
	public Optional<HandlerFunction<T>> route(ServerRequest request) {
		Optional<HandlerFunction<T>> handler = this.delegate.route(request);
		if (handler.isPresent()) {
			request.attributes().put(WebMvcRoutes.MATCHED_ROUTE, this.route);
		}
		return handler;
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		this.delegate.accept(visitor);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
