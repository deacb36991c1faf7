/**
 * Public API of upgrade-required: the {@link dev.upgraderequired.RequiresProtocol} annotation, the requirement
 * model and {@link dev.upgraderequired.UpgradeRequiredException}.
 */
@NullMarked
package dev.upgraderequired;

import org.jspecify.annotations.NullMarked;
