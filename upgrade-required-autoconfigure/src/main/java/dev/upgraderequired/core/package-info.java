/**
 * Transport-free decision core: what an endpoint requires, what a request offers, and the 426 response to send.
 * <p>
 * Its types are public because both web adapters use them, not as an API: only {@link HandlerRequirementResolver}
 * (to add requirements of your own), {@link RefusalObserver} (to be told of refusals) and {@link RequestFacts}
 * (through the adapters' facts types) are extension points, {@link RequirementReport} is what the actuator endpoint
 * returns, and the rest may change in any release.
 */
@NullMarked
package dev.upgraderequired.core;

import org.jspecify.annotations.NullMarked;
