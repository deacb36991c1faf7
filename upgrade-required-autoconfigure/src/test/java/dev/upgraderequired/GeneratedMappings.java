package dev.upgraderequired;

import java.lang.reflect.Method;
import java.util.List;

import dev.upgraderequired.core.Decision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated request mappings and request paths, for the properties that compare the index of handlers with each
 * stack's own lookup: patterns of every kind Spring parses (literal segments, variables with and without a regular
 * expression, wildcards, {@code **}, a trailing slash), mapped to some methods, each to an open, a TLS-only or an
 * HTTP/2-only handler method of {@link Endpoints}; paths spelled as clients may (letter case, percent-encoding,
 * {@code ;} parameters, empty and dot segments).
 */
public final class GeneratedMappings {

	private static final Method OPEN = ReflectionUtils.findMethod(Endpoints.class, "open");

	private static final Method TLS = ReflectionUtils.findMethod(Endpoints.class, "tls");

	private static final Method HTTP2 = ReflectionUtils.findMethod(Endpoints.class, "http2");

	private GeneratedMappings() {
	}

	/**
	 * Return some mappings.
	 * @return one to ten mappings
	 */
	public static Arbitrary<List<Mapped>> mappings() {
		Arbitrary<String> segment = Arbitraries.of("a", "b", "api", "Api", "{id}", "{*rest}", "*", "v1", "x*",
				"{name:[a-z]+}", "items", "**", "");
		Arbitrary<String> pattern = segment.list().ofMinSize(1).ofMaxSize(3).map((segments) -> {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < segments.size(); i++) {
				String s = segments.get(i);
				if ((s.equals("{*rest}") || s.equals("**")) && i < segments.size() - 1) {
					s = "{v" + i + "}";
				}
				else if (s.startsWith("{") && !s.equals("{*rest}")) {
					s = s.replace("{", "{p" + i);
				}
				text.append('/').append(s);
			}
			return text.toString();
		});
		Arbitrary<RequestMethod[]> methods = Arbitraries.of(new RequestMethod[0],
				new RequestMethod[] { RequestMethod.GET }, new RequestMethod[] { RequestMethod.PUT },
				new RequestMethod[] { RequestMethod.GET, RequestMethod.POST });
		Arbitrary<Method> method = Arbitraries.of(OPEN, TLS, HTTP2);
		return Combinators.combine(pattern, methods, method).as(Mapped::new).list().ofMinSize(1).ofMaxSize(10);
	}

	/**
	 * Return a request path.
	 * @return a path of one to four segments
	 */
	public static Arbitrary<String> paths() {
		Arbitrary<String> segment = Arbitraries.of("a", "b", "api", "API", "7", "v1", "x1", "items", "a;p=1", "%61",
				"", "abc", "..");
		return segment.list().ofMinSize(1).ofMaxSize(4).map((s) -> "/" + String.join("/", s));
	}

	/**
	 * Return a request method.
	 * @return the method
	 */
	public static Arbitrary<String> methods() {
		return Arbitraries.of("GET", "HEAD", "PUT", "POST", "DELETE");
	}

	/**
	 * Check what the index decided of a request against what the stack's lookup gives: what the index allows, the
	 * handler the lookup gives allows too; what the index refuses, the lookup gives a handler that refuses it the same
	 * way, or fails it with 400, 405, 406 or 415 (the mapping claimed it rather than let another mapping have it).
	 * Counts the decision for {@link #checkCoverage()}.
	 * @param indexed what the index decided
	 * @param byLookup what was decided with the handler the lookup gave, {@code null} if it gave none
	 * @param failure how the lookup failed, {@code null} if it did not
	 * @param described the request and the mappings, for a failed assertion
	 */
	public static void assertAgrees(Decision indexed, @Nullable Decision byLookup, @Nullable Throwable failure,
			String described) {
		Statistics.label("decision").collect((indexed == Decision.LOOK_UP) ? "looked up"
				: (indexed instanceof Decision.Proceed) ? "allowed" : "refused");
		if (indexed instanceof Decision.Proceed && byLookup != null) {
			assertThat(byLookup).as(described).isInstanceOf(Decision.Proceed.class);
		}
		else if (indexed instanceof Decision.Refuse refused) {
			if (failure == null) {
				assertThat(byLookup).as(described).isInstanceOf(Decision.Refuse.class);
				assertThat(((Decision.Refuse) byLookup).reason()).as(described).isEqualTo(refused.reason());
			}
			else {
				assertThat(failure).as(described).isInstanceOf(ErrorResponse.class);
				assertThat(((ErrorResponse) failure).getStatusCode().value()).as(described).isIn(400, 405, 406, 415);
			}
		}
	}

	/**
	 * Check that the index decided many of the requests {@link #assertAgrees} saw, both ways: the comparison is not
	 * empty.
	 */
	public static void checkCoverage() {
		Statistics.label("decision").coverage((checker) -> {
			checker.check("allowed").percentage((p) -> p > 10);
			checker.check("refused").percentage((p) -> p > 3);
		});
	}

	/**
	 * A generated mapping.
	 * @param pattern the path pattern
	 * @param methods the HTTP methods, none for every method
	 * @param method the handler method of {@link Endpoints}
	 */
	public record Mapped(String pattern, RequestMethod[] methods, Method method) {

		@Override
		public String toString() {
			return List.of(this.methods) + " " + this.pattern + " -> " + this.method.getName();
		}

	}

	/**
	 * The handler methods: open, TLS-only and HTTP/2-only.
	 */
	public static class Endpoints {

		public void open() {
		}

		@RequiresProtocol(Protocol.TLS)
		public void tls() {
		}

		@RequiresProtocol(Protocol.HTTP_2)
		public void http2() {
		}

	}

}
