/**
 * Transport-free decision core: what an endpoint requires, what a request offers, and the 426 response to send.
 */
@NullMarked
package dev.upgraderequired.core;

import org.jspecify.annotations.NullMarked;
