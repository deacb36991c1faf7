/**
 * Spring WebFlux adapter: reads what a reactive request offers on each server, refuses requests for protected
 * endpoints and writes the 426 response.
 */
@NullMarked
package dev.upgraderequired.reactive;

import org.jspecify.annotations.NullMarked;
