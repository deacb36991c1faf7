package dev.upgraderequired;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;

/**
 * The objects that the starter's beans hold, by identity: everything reachable from them (and from the static fields
 * of the starter's classes met on the way) through the starter's own objects, Spring's request mapping infos and
 * request conditions, collections, maps, arrays and optionals. Another object is recorded but not followed, so that a
 * bean's reference to a handler mapping does not count everything the mapping holds.
 *
 * @author upgrade-required
 */
public final class HeldObjects {

	private final Set<Object> held = Collections.newSetFromMap(new IdentityHashMap<>());

	private HeldObjects(ApplicationContext context) {
		Deque<Object> next = new ArrayDeque<>();
		for (Object bean : context.getBeansOfType(Object.class, false, false).values()) {
			Object registered = (bean instanceof FilterRegistrationBean<?> registration) ? registration.getFilter() : bean;
			if (starters(registered.getClass())) {
				next.add(registered);
			}
		}
		while (!next.isEmpty()) {
			Object object = next.pop();
			if (this.held.add(object)) {
				references(object).filter((reference) -> reference != null).forEach(next::push);
			}
		}
	}

	/**
	 * Return what the starter's beans in a context hold.
	 * @param context the application context
	 * @return the objects they hold
	 */
	public static HeldObjects of(ApplicationContext context) {
		return new HeldObjects(context);
	}

	/**
	 * Return the objects among some that the starter holds: the same objects, not equal ones.
	 * @param objects the objects
	 * @return those held
	 */
	public List<Object> among(Collection<?> objects) {
		return objects.stream().filter(this.held::contains).map(Object.class::cast).toList();
	}

	/**
	 * Return the held objects of a type.
	 * @param <T> the type
	 * @param type the type
	 * @return those held
	 */
	public <T> List<T> ofType(Class<T> type) {
		return this.held.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static boolean starters(Class<?> type) {
		return type.getName().startsWith("dev.upgraderequired.");
	}

	// The starter's classes, and what it copies from a request mapping.
	private static boolean followed(Class<?> type) {
		return starters(type) || type.getName().endsWith(".RequestMappingInfo")
				|| type.getPackageName().endsWith(".mvc.condition")
				|| type.getPackageName().endsWith(".result.condition");
	}

	private static Stream<Object> references(Object object) {
		if (object instanceof Object[] array) {
			return Stream.of(array);
		}
		if (object instanceof Collection<?> collection) {
			return collection.stream().map(Object.class::cast);
		}
		if (object instanceof Map<?, ?> map) {
			return map.entrySet().stream().flatMap((entry) -> Stream.of(entry.getKey(), entry.getValue()));
		}
		if (object instanceof AtomicReference<?> reference) {
			return Stream.ofNullable(reference.get());
		}
		if (object instanceof Optional<?> optional) {
			return optional.stream().map(Object.class::cast);
		}
		Stream.Builder<Object> fields = Stream.builder();
		for (Class<?> type = object.getClass(); followed(type); type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				boolean isStatic = Modifier.isStatic(field.getModifiers());
				if (!field.getType().isPrimitive() && (!isStatic || starters(type))) {
					field.setAccessible(true);
					try {
						fields.add(field.get(isStatic ? null : object));
					}
					catch (IllegalAccessException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		return fields.build();
	}

}
