/**
 * Spring MVC adapter: refuses requests for protected endpoints and writes the 426 response.
 */
@NullMarked
package dev.upgraderequired.servlet;

import org.jspecify.annotations.NullMarked;
