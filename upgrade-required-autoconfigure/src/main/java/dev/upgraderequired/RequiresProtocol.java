package dev.upgraderequired;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a handler method, or every handler method of a controller, only serves requests that arrive on
 * the given protocol; any other request is answered with {@code 426 Upgrade Required}, an {@code Upgrade} header
 * naming what to switch to, and an {@code application/problem+json} body.
 * <p>
 * An annotation on a method wins over one on its class. The annotation can be used as a meta-annotation, for
 * example to declare a {@code @TlsOnly} annotation of your own.
 * <pre class="code">
 * &#64;RequiresProtocol(Protocol.TLS)
 * &#64;RestController
 * class AccountController {
 *
 *     &#64;RequiresProtocol(value = Protocol.TLS, minTlsVersion = TlsVersion.TLS_1_3)
 *     &#64;PostMapping("/transfer")
 *     Transfer transfer(&#64;RequestBody Transfer transfer) { ... }
 *
 * }
 * </pre>
 *
 * @author upgrade-required
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresProtocol {

	/**
	 * The protocol the request must arrive on.
	 * @return the required protocol
	 */
	Protocol value();

	/**
	 * The minimum TLS version; only allowed with {@link Protocol#TLS} (checked when the application starts).
	 * @return the minimum TLS version, {@link TlsVersion#ANY} for none
	 */
	TlsVersion minTlsVersion() default TlsVersion.ANY;

	/**
	 * Whether the requirement is only reported, never enforced: a request that does not meet it is served, and
	 * counted in {@code upgrade.required.refusals} with {@code enforced=false}. By default, the endpoint follows
	 * {@code upgrade-required.report-only} and {@code upgrade-required.enforce-from}.
	 * @return whether the requirement is report-only
	 * @since 0.2.0
	 */
	boolean reportOnly() default false;

	/**
	 * The instant from which the requirement is enforced, in ISO-8601 form such as {@code 2027-03-01T00:00:00Z}
	 * (checked when the application starts). Before it, a request that does not meet the requirement is served,
	 * counted with {@code enforced=false}, and its response announces the date ({@code Sunset}, {@code Deprecation},
	 * and on HTTP/1.x {@code Upgrade}). Not together with {@link #reportOnly()}. By default, the endpoint follows
	 * {@code upgrade-required.report-only} and {@code upgrade-required.enforce-from}.
	 * @return the instant, empty for none
	 * @since 0.2.0
	 */
	String enforceFrom() default "";

}
