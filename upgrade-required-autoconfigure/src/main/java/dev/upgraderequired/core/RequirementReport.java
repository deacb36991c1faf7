package dev.upgraderequired.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What every endpoint of the application requires, where each requirement comes from, and the configured path
 * rules: the content of the {@code upgraderequired} actuator endpoint.
 *
 * @param endpoints every handler the web stack lists, with or without a requirement
 * @param rules the path rules, in the order they are configured
 * @param unlisted what could not be listed (such as router functions that an application's resolver may protect),
 * whose requests are decided one by one
 * @param notEnforced the requests served since startup although a requirement not enforced yet would have refused
 * them, by pattern
 * @param routes the routes of a gateway in the application, as they are now, empty if there is none
 * @author upgrade-required
 * @since 0.2.0
 * @see RequirementIndex#report()
 */
public record RequirementReport(List<Endpoint> endpoints, List<Rule> rules, List<String> unlisted,
		List<NotEnforced> notEnforced, List<GatewayRoute> routes) {

	/**
	 * An endpoint: a handler with its path patterns and HTTP methods.
	 * @param handler the handler method, such as {@code com.example.ApiController#secure()}, or the class of the
	 * WebSocket or other handler
	 * @param patterns the path patterns it is mapped to
	 * @param methods the HTTP methods it is mapped to, empty for every method
	 * @param requirement what it requires, such as {@code TLS 1.3 or later and HTTP/2}, {@code none} if nothing
	 * @param sources where the requirement comes from, empty if there is none
	 */
	public record Endpoint(String handler, List<String> patterns, List<String> methods, String requirement,
			List<Source> sources) {
	}

	/**
	 * One source of an endpoint's requirement.
	 * @param source {@code annotation}, {@code websocket}, {@code resolver} or {@code rule}
	 * @param requirement what this source requires
	 * @param pattern the pattern of the rule (which matches one of the endpoint's patterns read as a path, or the
	 * other way round); {@code null} for other sources
	 * @param enforcement {@code enforced}, {@code report-only} or {@code enforced from} an ISO-8601 instant
	 */
	public record Source(String source, String requirement, @Nullable String pattern, String enforcement) {
	}

	/**
	 * A path rule of {@code upgrade-required.rules}.
	 * @param pattern the path pattern
	 * @param requirement what requests to matching paths must offer
	 * @param enforcement {@code enforced}, {@code report-only} or {@code enforced from} an ISO-8601 instant
	 */
	public record Rule(String pattern, String requirement, String enforcement) {
	}

	/**
	 * A route of a gateway in the application.
	 * @param id the route's id
	 * @param target where it sends requests
	 * @param requirement what requests it matches must offer, {@code none} if nothing
	 * @param enforcement {@code enforced}, {@code report-only} or {@code enforced from} an ISO-8601 instant
	 */
	public record GatewayRoute(String id, String target, String requirement, String enforcement) {
	}

	/**
	 * The requests to one pattern served although a requirement not enforced yet would have refused them.
	 * @param pattern the path pattern of the handler or rule, or the id of the route
	 * @param source where the requirement comes from: {@code annotation}, {@code websocket}, {@code resolver},
	 * {@code rule} or {@code route}
	 * @param requests how many since startup
	 * @param reasons how many for each reason ({@code tls-required}...)
	 * @param last when the last one was served
	 */
	public record NotEnforced(String pattern, String source, long requests, Map<String, Long> reasons,
			Instant last) {
	}

}
