package dev.upgraderequired.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Whether Spring Security's filter chain is part of the application, on either web stack, by the names of the beans
 * that its configurations declare (no class of Spring Security is needed, also in a native image).
 *
 * @author upgrade-required
 */
final class SpringSecurity {

	// The servlet filter chain of @EnableWebSecurity, declared as a Filter.
	private static final String SERVLET_FILTER_CHAIN = "springSecurityFilterChain";

	// The WebFilterChainProxy of @EnableWebFluxSecurity.
	private static final String REACTIVE_FILTER_CHAIN = "org.springframework.security.config.annotation.web.reactive."
			+ "WebFluxSecurityConfiguration.WebFilterChainFilter";

	private SpringSecurity() {
	}

	/**
	 * Whether the bean factory defines Spring Security's filter chain (servlet) or web filter chain (WebFlux). Reads
	 * bean definitions only, so it may be asked before those beans are created.
	 * @param beanFactory the bean factory
	 * @return whether Spring Security filters the application's requests
	 */
	static boolean isPresent(ListableBeanFactory beanFactory) {
		return beanFactory.containsBean(SERVLET_FILTER_CHAIN) || beanFactory.containsBean(REACTIVE_FILTER_CHAIN);
	}

}
