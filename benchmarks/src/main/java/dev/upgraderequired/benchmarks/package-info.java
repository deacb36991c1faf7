/**
 * JMH microbenchmarks of the per-request work of upgrade-required.
 */
@NullMarked
package dev.upgraderequired.benchmarks;

import org.jspecify.annotations.NullMarked;
