/**
 * Spring MVC adapter: reads what a servlet request offers and writes the 426 response.
 */
@NullMarked
package dev.upgraderequired.servlet;

import org.jspecify.annotations.NullMarked;
