/**
 * Spring Cloud Gateway Server Web MVC support: the {@code RequireProtocol} filter function of configured routes, and
 * {@link dev.upgraderequired.gateway.webmvc.RequireProtocolFilterFunctions#routeRequires} for routes of the Java DSL,
 * whose requirement the starter's early filter decides before Spring Security.
 */
@NullMarked
package dev.upgraderequired.gateway.webmvc;

import org.jspecify.annotations.NullMarked;
