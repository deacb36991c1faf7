package dev.upgraderequired.core;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.RequestFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * One web stack's view of a request, as the {@link RequestDecider} reads it: the facts the server computed (see
 * {@link RequestFacts}), the request's path as the stack's handler mappings read it, what the stack's lookup
 * recorded, and where the response's URL comes from. Each adapter has one, a singleton over its native request (or
 * exchange) that keeps no state of a request, so that reading a request allocates nothing. An adapter's view only
 * translates: what the answers mean is decided by the core.
 * <p>
 * Not an extension point: applications support another server with {@link RequestFacts}.
 *
 * @param <R> the native request (or exchange) type
 * @author upgrade-required
 * @since 0.2.0
 */
public interface RequestView<R> extends RequestFacts<R> {

	/**
	 * Return the request path as received, still percent-encoded, starting with the context path: what the path
	 * rules are matched against (the path of an include, for an included request).
	 * @param request the request
	 * @return the path
	 */
	String path(R request);

	/**
	 * Return the context path that {@link #path} starts with, as the application sees it.
	 * @param request the request
	 * @return the context path, empty if none
	 */
	String contextPath(R request);

	/**
	 * Return where the path within the application starts in {@link #path} (after the context path as deployed).
	 * @param request the request
	 * @return the index
	 */
	int applicationPathStart(R request);

	/**
	 * Return where the path that handlers are mapped to starts in {@link #path} (after a servlet path, for
	 * example), or {@code -1} if the view cannot tell cheaply: then the request is not let through by its path's
	 * prefix alone.
	 * @param request the request
	 * @param applicationPathStart what {@link #applicationPathStart} returned for the request
	 * @return the index, or {@code -1}
	 */
	int handlerPathStart(R request, int applicationPathStart);

	/**
	 * Return where the path that {@link #indexedPath} parses starts in {@link #path}, when it is the rest of
	 * {@link #path} as received, so that the index reads a plain path where it is, without parsing it.
	 * @param request the request
	 * @return the index, or {@code -1} if the view cannot tell cheaply (then {@link #indexedPath} is asked)
	 */
	int indexedPathStart(R request);

	/**
	 * Return the path as the handler mappings that were indexed at startup parse it, or {@code null} if the request
	 * is not theirs to map (another servlet's, say) or cannot be parsed: then the index is not asked.
	 * @param request the request
	 * @return the parsed path within the application, or {@code null}
	 */
	@Nullable PathContainer indexedPath(R request);

	/**
	 * Return the path the client asked for, still percent-encoded (for a forwarded request, the path before the
	 * forward): the problem's {@code instance} and the path of its {@code httpsUrl}.
	 * @param request the request
	 * @return the path
	 */
	String requestedPath(R request);

	/**
	 * Return the query string the client sent with {@link #requestedPath}, still percent-encoded.
	 * @param request the request
	 * @return the query string, or {@code null} if none
	 */
	@Nullable String query(R request);

	/**
	 * Return the host the client addressed, without port.
	 * @param request the request
	 * @return the host, or {@code null} if unknown
	 */
	@Nullable String host(R request);

	/**
	 * Return the pattern that the handler lookup matched the request with, as the stack records it.
	 * @param request the request, after its handler lookup
	 * @return the pattern, or {@code null} if the lookup did not record one
	 */
	@Nullable String matchedPattern(R request);

	/**
	 * Return what the handlers that match the request best, but for its media types, require: for a request the
	 * stack fails with 406 or 415.
	 * @param request the request
	 * @return the requirement
	 */
	ProtocolRequirement mediaTypeRequirement(R request);

	/**
	 * Return what the handlers that match the request's path best, whatever their HTTP methods, require: for a plain
	 * {@code OPTIONS} request, and one the stack fails with 405.
	 * @param request the request
	 * @return the requirement
	 */
	ProtocolRequirement anyMethodRequirement(R request);

	/**
	 * Apply the CORS processing of the request's handler before it is refused, as the stack does for every request
	 * to a handler with a CORS configuration (its headers go on the refusal).
	 * @param request the request, after its handler lookup
	 * @return {@code false} if CORS processing rejected the request: its {@code 403} stands
	 */
	boolean processCors(R request);

}
