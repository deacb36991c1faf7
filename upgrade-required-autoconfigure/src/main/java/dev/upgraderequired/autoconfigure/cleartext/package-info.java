/**
 * The cleartext listener of {@code upgrade-required.cleartext.port}: a plain HTTP/1.1 (and h2c) listener beside the
 * application's TLS one, on Tomcat, Jetty and Reactor Netty.
 */
@NullMarked
package dev.upgraderequired.autoconfigure.cleartext;

import org.jspecify.annotations.NullMarked;
