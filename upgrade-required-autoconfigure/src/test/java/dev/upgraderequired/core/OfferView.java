package dev.upgraderequired.core;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.UpgradeDeciderTests.Offer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * A {@link RequestView} of an {@link Offer} to one path, for tests of the core without a web stack.
 *
 * @param path the request path, still percent-encoded
 * @param contextPath the context path it starts with
 * @param host the host the client addressed
 * @param query the query string
 * @param anyMethod what the handlers of the path require, whatever their methods
 * @param matched the pattern a handler lookup recorded
 */
record OfferView(String path, String contextPath, @Nullable String host, @Nullable String query,
		ProtocolRequirement anyMethod, @Nullable String matched) implements RequestView<Offer> {

	static OfferView of(String path) {
		return new OfferView(path, "", "localhost", null, ProtocolRequirement.none(), null);
	}

	static OfferView of(String path, String contextPath) {
		return new OfferView(path, contextPath, "localhost", null, ProtocolRequirement.none(), null);
	}

	OfferView withHost(@Nullable String host, @Nullable String query) {
		return new OfferView(this.path, this.contextPath, host, query, this.anyMethod, this.matched);
	}

	OfferView withAnyMethod(ProtocolRequirement anyMethod) {
		return new OfferView(this.path, this.contextPath, this.host, this.query, anyMethod, this.matched);
	}

	OfferView withMatched(@Nullable String matched) {
		return new OfferView(this.path, this.contextPath, this.host, this.query, this.anyMethod, matched);
	}

	@Override
	public boolean isSecure(Offer request) {
		return Offer.FACTS.isSecure(request);
	}

	@Override
	public @Nullable String tlsProtocol(Offer request) {
		return Offer.FACTS.tlsProtocol(request);
	}

	@Override
	public boolean isHttp1(Offer request) {
		return Offer.FACTS.isHttp1(request);
	}

	@Override
	public String method(Offer request) {
		return Offer.FACTS.method(request);
	}

	@Override
	public @Nullable String header(Offer request, String name) {
		return Offer.FACTS.header(request, name);
	}

	@Override
	public String path(Offer request) {
		return this.path;
	}

	@Override
	public String contextPath(Offer request) {
		return this.contextPath;
	}

	@Override
	public int applicationPathStart(Offer request) {
		return this.contextPath.length();
	}

	@Override
	public int handlerPathStart(Offer request, int applicationPathStart) {
		return applicationPathStart;
	}

	@Override
	public int indexedPathStart(Offer request) {
		return (indexedPath(request) != null) ? this.contextPath.length() : -1;
	}

	@Override
	public @Nullable PathContainer indexedPath(Offer request) {
		try {
			return RequestPath.parse(this.path, this.contextPath).pathWithinApplication();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public String requestedPath(Offer request) {
		return this.path;
	}

	@Override
	public @Nullable String query(Offer request) {
		return this.query;
	}

	@Override
	public @Nullable String host(Offer request) {
		return this.host;
	}

	@Override
	public @Nullable String matchedPattern(Offer request) {
		return this.matched;
	}

	@Override
	public ProtocolRequirement mediaTypeRequirement(Offer request) {
		return ProtocolRequirement.none();
	}

	@Override
	public ProtocolRequirement anyMethodRequirement(Offer request) {
		return this.anyMethod;
	}

	@Override
	public boolean processCors(Offer request) {
		return true;
	}

}
