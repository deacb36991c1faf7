package dev.upgraderequired.autoconfigure.cleartext;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for the classes the cleartext listener looks up by name.
 *
 * @author upgrade-required
 */
final class CleartextRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerTypeIfPresent(classLoader, JettyCleartextConnector.HTTP2C_FACTORY);
		hints.reflection().registerTypeIfPresent(classLoader, CleartextPortInUseFailureAnalyzer.TOMCAT_FAILURE);
	}

}
