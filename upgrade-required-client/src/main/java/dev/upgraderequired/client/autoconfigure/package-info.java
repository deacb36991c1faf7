/**
 * Auto-configuration of the client support.
 */
@NullMarked
package dev.upgraderequired.client.autoconfigure;

import org.jspecify.annotations.NullMarked;
