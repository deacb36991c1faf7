package dev.upgraderequired.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Whether Spring Security's filter chain is part of the application, on either web stack.
 *
 * @author upgrade-required
 */
final class SpringSecurity {

	// The bean name of the servlet filter chain, declared as a Filter, so not found by its type.
	private static final String SERVLET_FILTER_CHAIN = "springSecurityFilterChain";

	private static final String REACTIVE_FILTER_CHAIN = "org.springframework.security.web.server.WebFilterChainProxy";

	private SpringSecurity() {
	}

	/**
	 * Whether the bean factory defines Spring Security's filter chain (servlet) or web filter chain (WebFlux).
	 * Reads bean definitions only, so it may be asked before those beans are created.
	 * @param beanFactory the bean factory
	 * @return whether Spring Security filters the application's requests
	 */
	static boolean isPresent(ListableBeanFactory beanFactory) {
		if (beanFactory.containsBean(SERVLET_FILTER_CHAIN)) {
			return true;
		}
		ClassLoader classLoader = SpringSecurity.class.getClassLoader();
		if (!ClassUtils.isPresent(REACTIVE_FILTER_CHAIN, classLoader)) {
			return false;
		}
		Class<?> reactiveChain = ClassUtils.resolveClassName(REACTIVE_FILTER_CHAIN, classLoader);
		return beanFactory.getBeanNamesForType(reactiveChain, true, false).length > 0;
	}

}
