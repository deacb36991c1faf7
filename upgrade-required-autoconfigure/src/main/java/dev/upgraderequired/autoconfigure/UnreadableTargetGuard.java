package dev.upgraderequired.autoconfigure;

import java.util.EnumSet;

import dev.upgraderequired.server.UnreadableTargets;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

import org.springframework.util.Assert;

/**
 * Puts {@link UnreadableTargets#filter()} in front of Spring's WebFlux servlet on Tomcat and Jetty, where Spring
 * fails a request whose target is not a valid URI before any {@code WebFilter} runs: with a 500 on Tomcat, and
 * without ever answering on Jetty. Spring MVC needs no such guard: its early filter answers such a request itself.
 *
 * @author upgrade-required
 */
final class UnreadableTargetGuard {

	static final String NAME = "upgradeRequiredUnreadableTargets";

	private UnreadableTargetGuard() {
	}

	static void addTo(Context context) {
		FilterDef definition = new FilterDef();
		definition.setFilterName(NAME);
		definition.setFilter(UnreadableTargets.filter());
		definition.setAsyncSupported("true");
		context.addFilterDef(definition);
		FilterMap mapping = new FilterMap();
		mapping.setFilterName(NAME);
		mapping.addURLPattern("/*");
		mapping.setDispatcher(DispatcherType.REQUEST.name());
		context.addFilterMapBefore(mapping);
	}

	static void addTo(Server server) {
		ServletContextHandler handler = server.getDescendant(ServletContextHandler.class);
		Assert.state(handler != null, "Jetty runs WebFlux without a servlet context: no guard for unreadable targets");
		FilterHolder holder = new FilterHolder(UnreadableTargets.filter());
		holder.setName(NAME);
		holder.setAsyncSupported(true);
		handler.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
	}

}
