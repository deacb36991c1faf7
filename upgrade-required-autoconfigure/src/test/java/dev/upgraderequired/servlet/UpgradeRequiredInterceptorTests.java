package dev.upgraderequired.servlet;

import java.util.ArrayList;
import java.util.List;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.TlsVersion;
import dev.upgraderequired.core.UpgradePolicy;
import dev.upgraderequired.server.ServletContainerRequestFacts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeRequiredInterceptor}.
 */
class UpgradeRequiredInterceptorTests {

	private final Object handler = new Http2Handler();

	private final UpgradePolicy policy = UpgradePolicy.builder()
		.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
		.resolver((handler) -> (handler instanceof Http2Handler) ? ProtocolRequirement.http2() : null)
		.build();

	private final UpgradeRequiredInterceptor interceptor = new UpgradeRequiredInterceptor(this.policy.decider(),
			this.policy.index(),
			new ServletRequestView(ServletContainerRequestFacts.tomcat(), new ServletMappedHandlerRequirements(),
					() -> null),
			new ServletRefusalWriter(), null, null);

	@Test
	void errorDispatchIsLetThrough() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/status");
		request.setDispatcherType(DispatcherType.ERROR);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.interceptor.preHandle(request, response, this.handler)).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "FORWARD", "ASYNC" })
	void forwardAndAsyncDispatchesAreChecked(DispatcherType type) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/status");
		request.setDispatcherType(type);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.interceptor.preHandle(request, response, new Object())).isFalse();
		assertThat(response.getStatus()).isEqualTo(426);
	}

	@Test
	void refusedIncludeRendersNothingAndIsMatchedOnTheIncludedPath() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
		request.setDispatcherType(DispatcherType.INCLUDE);
		request.setAttribute(RequestDispatcher.INCLUDE_REQUEST_URI, "/admin/status");
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.interceptor.preHandle(request, response, new Object())).isFalse();
		assertThat(response.getContentAsByteArray()).isEmpty();
		assertThat(response.getHeaderNames()).isEmpty();
		request.setAttribute(RequestDispatcher.INCLUDE_REQUEST_URI, "/public");
		assertThat(this.interceptor.preHandle(request, response, new Object())).isTrue();
	}

	@Test
	void handlerRequirementAndRuleRequirementApplyTogether() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/status");
		request.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.interceptor.preHandle(request, response, this.handler)).isFalse();
		assertThat(response.getHeader("Upgrade")).isEqualTo("HTTP/2.0");
		request.setProtocol("HTTP/2.0");
		assertThat(this.interceptor.preHandle(request, new MockHttpServletResponse(), this.handler)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/status", "/%61dmin/status", "/ADMIN/status", "/admin;jsessionid=1/status",
			"//admin/status", "/admin//status", "/admin/./status", "/admin/status/", "/admin", "/app/admin/status" })
	void rulesCannotBeDodgedByEncodingCaseOrPathParameters(String uri) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		if (uri.startsWith("/app")) {
			request.setContextPath("/app");
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.interceptor.preHandle(request, response, new Object())).isFalse();
		assertThat(response.getStatus()).isEqualTo(426);
	}

	@Test
	void requestThatALaterFilterRewroteIsDecidedAgain() throws Exception {
		StaticWebApplicationContext context = new StaticWebApplicationContext();
		UpgradePolicy policy = UpgradePolicy.builder()
			.rule("/admin/**", "paths", Protocol.TLS, TlsVersion.ANY, "min-tls-version")
			.build();
		ServletRequestView view = new ServletRequestView(ServletContainerRequestFacts.tomcat(),
				new ServletMappedHandlerRequirements(), () -> null);
		ServletRefusalWriter writer = new ServletRefusalWriter();
		UpgradeRequiredInterceptor interceptor = new UpgradeRequiredInterceptor(policy.decider(), policy.index(), view,
				writer, context, null);
		UpgradeRequiredFilter filter = new UpgradeRequiredFilter(policy.decider(), view, writer, null);
		List<Boolean> handled = new ArrayList<>();
		MockHttpServletResponse response = new MockHttpServletResponse();
		for (String path : new String[] { "/public", "/admin/status" }) {
			filter.doFilter(new MockHttpServletRequest("GET", "/public"), response, (request, res) -> {
				HttpServletRequest rewritten = new HttpServletRequestWrapper((HttpServletRequest) request) {

					@Override
					public String getRequestURI() {
						return path;
					}

				};
				rewritten.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
				try {
					handled.add(interceptor.preHandle(rewritten, (HttpServletResponse) res, new Object()));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		assertThat(handled).containsExactly(true, false);
		assertThat(response.getStatus()).isEqualTo(426);
	}

	static class Http2Handler {

	}

	@Test
	void otherPathsWithoutHandlerRequirementAreAllowed() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/administrator");
		assertThat(this.interceptor.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
	}

}
