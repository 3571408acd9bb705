package io.batchops.server.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.glassfish.jersey.server.spi.ValidationInterceptor;
import org.glassfish.jersey.server.spi.ValidationInterceptorContext;

/**
 * Bean Validation of request parameters with a fast path. The constraints the generated interfaces
 * and models carry are read once per method from their annotations and checked directly; only when
 * one is not satisfied, or a constraint this class does not know appears, does Hibernate Validator
 * run, and its violations are the answer. No rule is written here: they are the spec's, as the
 * generator wrote them. Hibernate Validator builds a property path for every element it checks,
 * which made it the largest cost of a batch of 50 ids (see bench/README.md).
 */
public final class FastValidation implements ValidationInterceptor {
    private final Map<Method, Optional<Predicate<Object[]>>> checks = new ConcurrentHashMap<>();
    private final Map<Class<?>, Optional<Predicate<Object>>> beans = new ConcurrentHashMap<>();

    @Override
    public void onValidate(ValidationInterceptorContext context) {
        Method method = context.getInvocable().getDefinitionMethod();
        Optional<Predicate<Object[]>> check = checks.computeIfAbsent(method, this::forMethod);
        if (check.isPresent() && check.get().test(context.getArgs())) {
            return;
        }
        context.proceed();
    }

    /** All of a method's parameters' constraints, or empty when one is of a kind not known here. */
    private Optional<Predicate<Object[]>> forMethod(Method method) {
        Parameter[] parameters = method.getParameters();
        List<Predicate<Object[]>> all = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            Optional<Predicate<Object>> value = forValue(parameters[i].getAnnotations(), parameters[i].getAnnotatedType());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            int index = i;
            all.add(args -> value.get().test(args[index]));
        }
        return Optional.of(args -> allOf(all, args));
    }

    /**
     * The constraints on one value, its elements (a list's type argument) and, with @Valid, its bean;
     * empty when they are left to the validator. A predicate that cannot judge a value (a type its
     * constraint does not expect) answers false, so that the validator does.
     */
    Optional<Predicate<Object>> forValue(Annotation[] annotations, AnnotatedType type) {
        List<Predicate<Object>> all = new ArrayList<>();
        for (Annotation annotation : annotations) {
            Optional<Predicate<Object>> check = forAnnotation(annotation);
            if (check.isEmpty()) {
                return Optional.empty();
            }
            all.add(check.get());
        }
        if (type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            boolean constrained = java.util.Arrays.stream(arguments).anyMatch(argument -> argument.getAnnotations().length > 0);
            if (constrained) {
                // A collection's elements are checked here; a map's keys or values are the validator's.
                if (arguments.length != 1 || !Collection.class.isAssignableFrom(rawType(parameterized))) {
                    return Optional.empty();
                }
                Optional<Predicate<Object>> element = forValue(arguments[0].getAnnotations(), arguments[0]);
                if (element.isEmpty()) {
                    return Optional.empty();
                }
                all.add(value -> !(value instanceof Collection<?> items) || eachOf(items, element.get()));
            }
        }
        return Optional.of(value -> allOf(all, value));
    }

    private Optional<Predicate<Object>> forAnnotation(Annotation annotation) {
        if (annotation instanceof NotNull) {
            return Optional.of(value -> value != null);
        }
        // Bounds are read from the annotation once: each read goes through its proxy's invocation handler.
        if (annotation instanceof Size size) {
            int least = size.min();
            int most = size.max();
            return Optional.of(value -> value == null || within(sizeOf(value), least, most));
        }
        if (annotation instanceof Min min) {
            long least = min.value();
            return Optional.of(value -> value == null || value instanceof Number number && compare(number, least) >= 0);
        }
        if (annotation instanceof Max max) {
            long most = max.value();
            return Optional.of(value -> value == null || value instanceof Number number && compare(number, most) <= 0);
        }
        if (annotation instanceof Pattern pattern && pattern.flags().length == 0) {
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(pattern.regexp());
            return Optional.of(value -> value == null || value instanceof CharSequence text && regex.matcher(text).matches());
        }
        if (annotation instanceof Valid) {
            return Optional.of(value -> value == null || valid(value));
        }
        // Other annotations (JAX-RS, Jackson) are not constraints; an unknown constraint is left to the validator.
        return annotation.annotationType().isAnnotationPresent(Constraint.class) ? Optional.empty()
                : Optional.of(value -> true);
    }

    /** A bean (or a list, a map's values, an array of beans) cascaded into with @Valid. */
    boolean valid(Object value) {
        if (value instanceof Map<?, ?> map) {
            return valid(map.values());
        }
        if (value instanceof Object[] array) {
            return valid(java.util.Arrays.asList(array));
        }
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (item != null && !valid(item)) {
                    return false;
                }
            }
            return true;
        }
        if (value.getClass().getName().startsWith("java.") || value.getClass().isArray()) {
            return true;
        }
        Optional<Predicate<Object>> bean = beans.computeIfAbsent(value.getClass(), this::forBean);
        return bean.isPresent() && bean.get().test(value);
    }

    /** A generated model's constraints, which sit on its getters; anything else is left to the validator. */
    private Optional<Predicate<Object>> forBean(Class<?> type) {
        if (type.getAnnotations().length > 0 && java.util.Arrays.stream(type.getAnnotations())
                .anyMatch(a -> a.annotationType().isAnnotationPresent(Constraint.class))) {
            return Optional.empty();
        }
        List<Predicate<Object>> all = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (java.util.Arrays.stream(field.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(Constraint.class))) {
                return Optional.empty();
            }
            // The generator also marks fields @Valid: the validator cascades through them as through the getters.
            if (field.isAnnotationPresent(Valid.class)) {
                field.setAccessible(true);
                all.add(bean -> {
                    Object value = read(field, bean);
                    return value == null || valid(value);
                });
            }
        }
        for (Method getter : type.getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            if (getter.getAnnotations().length == 0 && !(getter.getAnnotatedReturnType() instanceof AnnotatedParameterizedType)) {
                continue;
            }
            Optional<Predicate<Object>> property = forValue(getter.getAnnotations(), getter.getAnnotatedReturnType());
            if (property.isEmpty()) {
                return Optional.empty();
            }
            all.add(bean -> property.get().test(invoke(getter, bean)));
        }
        return Optional.of(bean -> allOf(all, bean));
    }

    // Plain loops: this runs for every element of every request.
    private static <T> boolean allOf(List<Predicate<T>> checks, T value) {
        for (Predicate<T> check : checks) {
            if (!check.test(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean eachOf(Collection<?> items, Predicate<Object> check) {
        for (Object item : items) {
            if (!check.test(item)) {
                return false;
            }
        }
        return true;
    }

    private static Object read(Field field, Object bean) {
        try {
            return field.get(bean);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static Object invoke(Method getter, Object bean) {
        try {
            return getter.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static long sizeOf(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> items) {
            return items.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(value);
        }
        // Not a type @Size applies to: the validator says so (not this class, with a 500).
        return -1;
    }

    private static Class<?> rawType(AnnotatedParameterizedType type) {
        return (Class<?>) ((java.lang.reflect.ParameterizedType) type.getType()).getRawType();
    }

    private static boolean within(long size, int min, int max) {
        return size >= min && size <= max;
    }

    private static int compare(Number number, long bound) {
        if (number instanceof BigDecimal decimal) {
            return decimal.compareTo(BigDecimal.valueOf(bound));
        }
        return Long.compare(number.longValue(), bound);
    }
}
