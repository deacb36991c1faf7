/**
 * Spring Cloud Gateway support: the {@code RequireProtocol} route filter, whose requirement the starter's early
 * filter decides before Spring Security, like every other requirement.
 */
@NullMarked
package dev.upgraderequired.gateway.webflux;

import org.jspecify.annotations.NullMarked;
