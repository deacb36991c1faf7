/**
 * Auto-configuration of upgrade-required for Spring Boot.
 */
@NullMarked
package dev.upgraderequired.autoconfigure;

import org.jspecify.annotations.NullMarked;
