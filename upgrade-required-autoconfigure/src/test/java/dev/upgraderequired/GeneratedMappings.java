package dev.upgraderequired;

import java.lang.reflect.Method;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;

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
