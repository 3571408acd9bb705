package io.batchops.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.beans.Introspector;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * FastValidation against its referee, Hibernate Validator: for every constrained property of every
 * generated model and every constrained parameter of every generated operation, values on and around
 * each bound (and a set of strings for patterns) get the same verdict from both. A fast "valid" that
 * the validator refuses would let a bad request through; a fast "invalid" only costs the validator's run.
 */
class FastValidationTest {
    private static final List<String> GENERATED = List.of("io.batchops.sms", "io.batchops.drs", "io.batchops.iam",
            "io.batchops.admin");
    private static final List<String> TEXTS = List.of("", "a", "ab", "A1", "abc-DEF_123", " ", "中文", "1",
            "0970dd7a1300f5672ff2c003c60ae115", "054ba152d480d55b2f5dc0069e7ddef0", "2026-12-07T10:20:36Z",
            "x".repeat(65), "t1", "-", "a b");
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Set<String> JUDGED = new TreeSet<>();

    private final FastValidation fast = new FastValidation();

    @Test
    void everyConstrainedModelPropertyIsJudgedAsTheValidatorJudgesIt() {
        List<String> disagreements = new ArrayList<>();
        int judged = 0;
        for (Class<?> model : generated(".model")) {
            for (Method getter : model.getMethods()) {
                if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0
                        || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                        || !constrained(getter.getAnnotations(), getter.getGenericReturnType(), getter.getAnnotatedReturnType())) {
                    continue;
                }
                String property = Introspector.decapitalize(getter.getName().substring(3));
                Optional<Predicate<Object>> check = fast.forValue(getter.getAnnotations(), getter.getAnnotatedReturnType());
                for (Object value : probes(getter.getAnnotations(), getter.getGenericReturnType(), getter)) {
                    boolean valid = VALIDATOR.validateValue(model, property, value).isEmpty();
                    boolean fastValid = check.isPresent() && check.get().test(value);
                    judged++;
                    JUDGED.add(model.getSimpleName() + "." + property);
                    if (valid != fastValid && (fastValid || check.isPresent())) {
                        disagreements.add(model.getSimpleName() + "." + property + " = " + shown(value)
                                + ": validator " + valid + ", fast " + fastValid);
                    }
                }
            }
        }
        assertTrue(judged > 500, "the generated models have constrained properties to judge: " + judged);
        assertEquals(List.of(), disagreements);
    }

    @Test
    void everyConstrainedOperationParameterIsJudgedAsTheValidatorJudgesIt() {
        List<String> disagreements = new ArrayList<>();
        int judged = 0;
        for (Class<?> api : generated(".api")) {
            Object target = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) -> null);
            for (Method method : api.getMethods()) {
                Parameter[] parameters = method.getParameters();
                for (int i = 0; i < parameters.length; i++) {
                    Parameter parameter = parameters[i];
                    if (!constrained(parameter.getAnnotations(), parameter.getParameterizedType(), parameter.getAnnotatedType())) {
                        continue;
                    }
                    Optional<Predicate<Object>> check = fast.forValue(parameter.getAnnotations(), parameter.getAnnotatedType());
                    for (Object value : probes(parameter.getAnnotations(), parameter.getParameterizedType(), null)) {
                        Object[] args = new Object[parameters.length];
                        args[i] = value;
                        int index = i;
                        boolean valid = VALIDATOR.forExecutables().validateParameters(target, method, args).stream()
                                .noneMatch(violation -> parameterIndex(violation) == index);
                        boolean fastValid = check.isPresent() && check.get().test(value);
                        judged++;
                        if (valid != fastValid && (fastValid || check.isPresent())) {
                            disagreements.add(api.getSimpleName() + "." + method.getName() + "#" + parameter.getName()
                                    + " = " + shown(value) + ": validator " + valid + ", fast " + fastValid);
                        }
                    }
                }
            }
        }
        assertTrue(judged > 50, "the generated operations have constrained parameters to judge: " + judged);
        assertEquals(List.of(), disagreements);
    }

    /** Shapes the generated models do not have today, as a later spec could: the fast path agrees or steps aside. */
    public static final class MapOfBeans {
        final Map<String, Inner> inners;

        MapOfBeans(Map<String, Inner> inners) {
            this.inners = inners;
        }

        @Valid
        public Map<String, Inner> getInners() {
            return inners;
        }
    }

    public static final class ArrayOfBeans {
        final Inner[] inners;

        ArrayOfBeans(Inner... inners) {
            this.inners = inners;
        }

        @Valid
        public Inner[] getInners() {
            return inners;
        }
    }

    public static final class MapOfShortTexts {
        final Map<String, String> texts;

        MapOfShortTexts(Map<String, String> texts) {
            this.texts = texts;
        }

        public Map<String, @Size(max = 2) String> getTexts() {
            return texts;
        }
    }

    public static final class Shapes {
        @Size(max = 2)
        public int[] getNumbers() {
            return null;
        }

        @Min(3)
        public String getDigits() {
            return null;
        }
    }

    public static final class Inner {
        final String name;

        Inner(String name) {
            this.name = name;
        }

        @NotNull
        @Size(min = 1)
        public String getName() {
            return name;
        }
    }

    @Test
    void mapsArraysAndUnexpectedTypesAreJudgedOrLeftToTheValidatorNeverAccepted() throws Exception {
        assertFalse(VALIDATOR.validate(new MapOfBeans(Map.of("a", new Inner("")))).isEmpty());
        assertFalse(fast.valid(new MapOfBeans(Map.of("a", new Inner("")))), "a map's values are cascaded into (they were not)");
        assertTrue(fast.valid(new MapOfBeans(Map.of("a", new Inner("n")))));

        assertFalse(VALIDATOR.validate(new ArrayOfBeans(new Inner(""))).isEmpty());
        assertFalse(fast.valid(new ArrayOfBeans(new Inner(""))), "an array's elements are cascaded into");
        assertTrue(fast.valid(new ArrayOfBeans(new Inner("n"))));

        assertFalse(VALIDATOR.validate(new MapOfShortTexts(Map.of("k", "long"))).isEmpty());
        assertFalse(fast.valid(new MapOfShortTexts(Map.of("k", "long"))),
                "a map's constrained values are the validator's (they were not checked)");

        Method numbers = Shapes.class.getMethod("getNumbers");
        Predicate<Object> size = fast.forValue(numbers.getAnnotations(), numbers.getAnnotatedReturnType()).orElseThrow();
        assertFalse(VALIDATOR.validateValue(Shapes.class, "numbers", new int[3]).isEmpty());
        assertFalse(size.test(new int[3]), "@Size on an array counts its elements (it was a 500)");
        assertTrue(size.test(new int[2]));

        Method digits = Shapes.class.getMethod("getDigits");
        assertTrue(VALIDATOR.validateValue(Shapes.class, "digits", "5").isEmpty());
        assertFalse(fast.forValue(digits.getAnnotations(), digits.getAnnotatedReturnType()).orElseThrow().test("5"),
                "a @Min on text is left to the validator (it was a ClassCastException, a 500)");
    }

    @AfterAll
    static void say() {
        System.out.println("FastValidationTest judged " + JUDGED.size() + " model properties");
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Class<?>> generated(String suffix) {
        List<Class<?>> classes = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().importPackages(GENERATED.stream().map(p -> p + suffix).toList())) {
            if (!type.isNestedClass() && !type.isEnum() && type.getPackageName().endsWith(suffix)) {
                classes.add(type.reflect());
            }
        }
        return classes;
    }

    private static boolean constrained(Annotation[] annotations, Type type, java.lang.reflect.AnnotatedType annotated) {
        boolean direct = java.util.Arrays.stream(annotations)
                .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.validation.Constraint.class) || a instanceof Valid);
        boolean elements = annotated instanceof java.lang.reflect.AnnotatedParameterizedType parameterized
                && java.util.Arrays.stream(parameterized.getAnnotatedActualTypeArguments()).anyMatch(a -> a.getAnnotations().length > 0);
        return direct || elements;
    }

    /** Values on and around each bound of the value's constraints, of its declared type. */
    private static List<Object> probes(Annotation[] annotations, Type type, Method getter) {
        Set<Object> probes = new LinkedHashSet<>();
        probes.add(NULL);
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        Set<Long> numbers = new TreeSet<>(List.of(0L, 1L, -1L));
        Set<Integer> sizes = new TreeSet<>(List.of(0, 1, 2));
        for (Annotation annotation : annotations) {
            if (annotation instanceof Min min) {
                numbers.addAll(List.of(min.value() - 1, min.value(), min.value() + 1));
            } else if (annotation instanceof Max max) {
                numbers.addAll(List.of(max.value() - 1, max.value(), max.value() + 1));
            } else if (annotation instanceof Size size) {
                for (int bound : List.of(size.min(), Math.min(size.max(), 100_000))) {
                    sizes.addAll(List.of(Math.max(0, bound - 1), bound, bound + 1));
                }
            }
        }
        if (raw == String.class) {
            probes.addAll(TEXTS);
            sizes.forEach(length -> probes.add("y".repeat(length)));
        } else if (raw == Integer.class) {
            numbers.forEach(number -> probes.add((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number))));
        } else if (raw == Long.class) {
            probes.addAll(numbers);
        } else if (raw == BigDecimal.class) {
            numbers.forEach(number -> probes.add(BigDecimal.valueOf(number)));
        } else if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
            List<Object> elements = element == String.class ? new ArrayList<>(TEXTS) : new ArrayList<>();
            Object filler = element == String.class ? "t1" : null;
            if (filler != null) {
                for (int length : sizes) {
                    if (length <= 2_000) {
                        probes.add(collection(raw, Collections.nCopies(length, filler)));
                    }
                }
                for (Object single : elements) {
                    probes.add(collection(raw, List.of(single)));
                }
            } else {
                probes.add(collection(raw, List.of()));
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            probes.add(Map.of());
            probes.add(Map.of("a", "b"));
        } else if (raw.isEnum()) {
            probes.add(raw.getEnumConstants()[0]);
        } else if (raw == Boolean.class) {
            probes.add(Boolean.TRUE);
        }
        List<Object> values = new ArrayList<>();
        probes.forEach(probe -> values.add(probe == NULL ? null : probe));
        return values;
    }

    private static final Object NULL = new Object();

    private static Object collection(Class<?> raw, List<?> items) {
        if (Set.class.isAssignableFrom(raw)) {
            return new LinkedHashSet<>(items);
        }
        return new ArrayList<>(items);
    }

    private static int parameterIndex(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                return node.as(Path.ParameterNode.class).getParameterIndex();
            }
        }
        return -1;
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "... (" + text.length() + " chars)" : text;
    }
}
