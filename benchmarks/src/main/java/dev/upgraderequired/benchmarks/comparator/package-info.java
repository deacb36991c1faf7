/**
 * Comparator application: 426 responses the way applications write them without upgrade-required.
 */
@NullMarked
package dev.upgraderequired.benchmarks.comparator;

import org.jspecify.annotations.NullMarked;
