/**
 * Transport-free decision core, internal: the {@link RequirementIndex} built at startup, the
 * {@link RequestDecider} that decides each request from it with a closed {@link Decision}, and the response to a
 * refusal. Its types are public only because both web adapters and the auto-configuration use them; they are not
 * an API and may change in any release. The extension points are in {@code dev.upgraderequired}
 * ({@code HandlerRequirementResolver}, {@code RefusalObserver}, {@code RequestFacts}); {@link RequirementReport} is
 * what the actuator endpoint returns.
 */
@NullMarked
package dev.upgraderequired.core;

import org.jspecify.annotations.NullMarked;
