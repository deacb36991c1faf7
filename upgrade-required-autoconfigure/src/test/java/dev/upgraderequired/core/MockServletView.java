package dev.upgraderequired.core;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * A {@link RequestView} of a servlet request with Tomcat's facts and no handler mappings, for tests of the core
 * outside the servlet adapter's package.
 */
public final class MockServletView implements RequestView<HttpServletRequest> {

	/**
	 * The view, with nothing mapped to any path for any other method.
	 */
	public static final MockServletView INSTANCE = new MockServletView();

	private static final ServletContainerRequestFacts FACTS = ServletContainerRequestFacts.tomcat();

	private MockServletView() {
	}

	@Override
	public boolean isSecure(HttpServletRequest request) {
		return FACTS.isSecure(request);
	}

	@Override
	public @Nullable String tlsProtocol(HttpServletRequest request) {
		return FACTS.tlsProtocol(request);
	}

	@Override
	public boolean isHttp1(HttpServletRequest request) {
		return FACTS.isHttp1(request);
	}

	@Override
	public String method(HttpServletRequest request) {
		return FACTS.method(request);
	}

	@Override
	public @Nullable String header(HttpServletRequest request, String name) {
		return FACTS.header(request, name);
	}

	@Override
	public String path(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@Override
	public String contextPath(HttpServletRequest request) {
		return request.getContextPath();
	}

	@Override
	public int applicationPathStart(HttpServletRequest request) {
		return request.getContextPath().length();
	}

	@Override
	public int handlerPathStart(HttpServletRequest request, int applicationPathStart) {
		return applicationPathStart;
	}

	@Override
	public int indexedPathStart(HttpServletRequest request) {
		return request.getContextPath().length();
	}

	@Override
	public @Nullable PathContainer indexedPath(HttpServletRequest request) {
		return ServletRequestPathUtils.parse(request).pathWithinApplication();
	}

	@Override
	public String requestedPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@Override
	public @Nullable String query(HttpServletRequest request) {
		return request.getQueryString();
	}

	@Override
	public @Nullable String host(HttpServletRequest request) {
		return request.getServerName();
	}

	@Override
	public @Nullable String matchedPattern(HttpServletRequest request) {
		return null;
	}

	@Override
	public ProtocolRequirement mediaTypeRequirement(HttpServletRequest request) {
		return ProtocolRequirement.none();
	}

	@Override
	public ProtocolRequirement anyMethodRequirement(HttpServletRequest request) {
		return ProtocolRequirement.none();
	}

	@Override
	public boolean processCors(HttpServletRequest request) {
		return true;
	}

}
