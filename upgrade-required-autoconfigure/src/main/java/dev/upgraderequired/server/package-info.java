/**
 * What each supported servlet container computed about a request's connection, for both web stacks: Spring MVC,
 * and Spring WebFlux on a servlet container.
 */
@NullMarked
package dev.upgraderequired.server;

import org.jspecify.annotations.NullMarked;
