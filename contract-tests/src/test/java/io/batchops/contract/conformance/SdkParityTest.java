package io.batchops.contract.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.huaweicloud.sdk.core.http.Field;
import com.huaweicloud.sdk.core.http.HttpRequestDef;
import com.huaweicloud.sdk.core.http.LocationType;
import com.huaweicloud.sdk.core.internal.InnerIamMeta;
import com.huaweicloud.sdk.core.region.Region;
import com.huaweicloud.sdk.drs.v3.DrsMeta;
import com.huaweicloud.sdk.drs.v3.region.DrsRegion;
import com.huaweicloud.sdk.iam.v3.IamMeta;
import com.huaweicloud.sdk.sms.v3.SmsMeta;
import com.huaweicloud.sdk.sms.v3.region.SmsRegion;
import io.batchops.contract.harness.Contract;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The specs against the official SDK itself ({@code SmsMeta}, {@code DrsMeta}, for IAM the core's
 * {@code InnerIamMeta} and {@code IamMeta}, and their model classes), so that the two cannot drift
 * apart. For every operation of {@code sms.yaml}, {@code drs.yaml} and {@code iam.yaml}:
 * <ul>
 *   <li>the SDK defines a request with the same method and URI;</li>
 *   <li>every field the SDK can send (path, query, header, body, nested models) exists in the spec at
 *       the same place, under the same name, with a compatible type and a superset of its values;</li>
 *   <li>every number bound the SDK documents ({@code minimum:}/{@code maximum:} in its javadoc, read
 *       from its sources jar) is the spec's bound for what the SDK sends (SMS and DRS: IAM's sources
 *       are not on Maven Central);</li>
 *   <li>every field of the SDK's response model exists in the spec's success answer.</li>
 * </ul>
 * Differences fail the test unless {@code sdk-parity-allow-list.yaml} names them with a reason; an
 * entry that no longer matches a difference fails it too, so that the list stays short and true.
 */
class SdkParityTest {
    private static final String ALLOW_LIST = "/sdk-parity-allow-list.yaml";
    private static final Pattern JAVADOC_BOUNDS = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public\\s+[\\w<>,.? ]+\\s+(?:get|is)(\\w+)\\(\\)", Pattern.DOTALL);
    private static final Pattern MINIMUM = Pattern.compile("\\*\\s*minimum:\\s*(-?[0-9.]+(?:E[+-]?[0-9]+)?)");
    private static final Pattern MAXIMUM = Pattern.compile("\\*\\s*maximum:\\s*(-?[0-9.]+(?:E[+-]?[0-9]+)?)");

    private final List<String> differences = new ArrayList<>();
    private final Map<Class<?>, Map<String, BigDecimal[]>> boundsByModel = new HashMap<>();

    @Test
    void theSpecsAcceptEverythingTheSdkSendsAndServeWhatItReads() {
        Map<String, HttpRequestDef<?, ?>> sdk = new LinkedHashMap<>();
        sdk.putAll(definitions(SmsMeta.class));
        sdk.putAll(definitions(DrsMeta.class));
        for (Contract contract : List.of(Contract.SMS, Contract.DRS)) {
            contract.api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                HttpRequestDef<?, ?> definition = sdk.get(method.name() + " " + path);
                if (definition == null) {
                    differences.add(operation.getOperationId() + ": the SDK has no " + method + " " + path);
                } else {
                    compare(operation, definition);
                }
            }));
        }
        // IAM: the definitions the SDK's own code (InnerIamMeta) and its IAM client (IamMeta) use, by operation.
        iamDefinitions().forEach((operationId, definitions) -> {
            Operation operation = Contract.IAM.api().getPaths().values().stream()
                    .flatMap(item -> item.readOperations().stream())
                    .filter(candidate -> operationId.equals(candidate.getOperationId()))
                    .findFirst().orElseThrow(() -> new AssertionError("iam.yaml has no " + operationId));
            definitions.forEach(definition -> compare(operation, definition));
        });
        Contract.IAM.api().getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (!iamDefinitions().containsKey(operation.getOperationId())) {
                differences.add(operation.getOperationId() + ": no SDK definition is compared with it");
            }
        }));
        Map<String, String> allowed = allowList();
        List<String> unexplained = differences.stream().filter(d -> !allowed.containsKey(d)).sorted().toList();
        Set<String> stale = new TreeSet<>(allowed.keySet());
        differences.forEach(stale::remove);
        assertTrue(unexplained.isEmpty() && stale.isEmpty(), () -> "The specs differ from the official SDK:\n  "
                + String.join("\n  ", unexplained)
                + (stale.isEmpty() ? "" : "\nAllow-list entries that match no difference any more:\n  "
                        + String.join("\n  ", stale)));
    }

    /** The regions admin.yaml lists (which /_batchops/environment and {@code env} point here) are the SDK's. */
    @Test
    void theRegionListsAreTheSdks() {
        assertEquals(regionIds(SmsRegion.class), enumValues("SmsRegionId"));
        assertEquals(regionIds(DrsRegion.class), enumValues("DrsRegionId"));
    }

    private static Set<String> regionIds(Class<?> regions) {
        Set<String> ids = new TreeSet<>();
        for (java.lang.reflect.Field field : regions.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Region.class.equals(field.getType())) {
                try {
                    ids.add(((Region) field.get(null)).getId());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return ids;
    }

    private static Set<String> enumValues(String schema) {
        Set<String> values = new TreeSet<>();
        Contract.ADMIN.api().getComponents().getSchemas().get(schema).getEnum().forEach(value -> values.add(value.toString()));
        return values;
    }

    /** The test finds what it is meant to: a spec without a field the SDK sends is a difference. */
    @Test
    void aFieldTheSdkSendsAndTheSpecLacksIsADifference() {
        Operation listTasks = Contract.SMS.operation("GET", "/v3/tasks");
        List<Parameter> saved = listTasks.getParameters();
        try {
            listTasks.setParameters(saved.stream().filter(p -> !"name".equals(p.getName())).toList());
            compare(listTasks, SmsMeta.listTasks);
        } finally {
            listTasks.setParameters(saved);
        }
        assertTrue(differences.contains("listTasks query name: the spec lacks it"), differences::toString);
    }

    private void compare(Operation operation, HttpRequestDef<?, ?> definition) {
        String id = operation.getOperationId();
        for (Field<?, ?> field : definition.getRequestFields()) {
            LocationType location = field.getLocation();
            if (location == LocationType.Body) {
                Schema<?> body = operation.getRequestBody() == null ? null
                        : operation.getRequestBody().getContent().get("application/json").getSchema();
                if (body == null) {
                    differences.add(id + " body: the spec takes none");
                } else {
                    compareSent(id + " body", javaType(definition.getRequestType(), field.getName()), body,
                            definition.getRequestType(), field.getName());
                }
            } else if (location == LocationType.Path || location == LocationType.Query || location == LocationType.Header) {
                String in = location.name().toLowerCase(Locale.ROOT);
                String where = id + " " + in + " " + field.getName();
                Parameter parameter = parameter(operation, in, field.getName());
                if (parameter == null) {
                    differences.add(where + ": the spec lacks it");
                } else {
                    compareSent(where, javaType(definition.getRequestType(), field.getName()), parameter.getSchema(),
                            definition.getRequestType(), field.getName());
                }
            }
        }
        Schema<?> answer = successSchema(operation);
        Class<?> responseType = definition.getResponseType();
        boolean rawBody = definition.getResponseFields().stream().anyMatch(f -> f.getLocation() == LocationType.Body);
        // What the SDK reads from the answer's headers (IAM's X-Subject-Token) is answered as a header.
        Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        definition.getResponseFields().stream().filter(f -> f.getLocation() == LocationType.Header)
                .forEach(f -> headers.add(f.getName()));
        Set<String> answered = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        operation.getResponses().entrySet().stream().filter(entry -> entry.getKey().startsWith("2"))
                .forEach(entry -> {
                    if (entry.getValue().getHeaders() != null) {
                        answered.addAll(entry.getValue().getHeaders().keySet());
                    }
                });
        headers.stream().filter(header -> !answered.contains(header))
                .forEach(header -> differences.add(id + " response header " + header + ": the spec does not answer it"));
        if (!rawBody) {
            // The SDK reads the JSON answer into its response model: each of its fields must be served.
            compareRead(id + " response", responseType, answer, headers);
        }
    }

    /** What the SDK sends as {@code type} is a value {@code spec} allows. */
    private void compareSent(String where, Type type, Schema<?> spec, Class<?> owner, String property) {
        Class<?> raw = rawClass(type);
        if (!sameKind(raw, spec)) {
            differences.add(where + ": the SDK sends " + describe(type) + ", the spec takes " + kind(spec));
            return;
        }
        BigDecimal[] bounds = owner == null ? null : bounds(owner).get(property);
        if (bounds != null && (isNumber(raw) || isEnum(raw) && Integer.class.equals(enumValueType(raw)))) {
            String expected = "[" + plain(bounds[0]) + ", " + plain(bounds[1]) + "]";
            // A bound that is the format's own limit needs no maximum in the spec (nor can tools go past it).
            BigDecimal maximum = spec.getMaximum() == null && "int64".equals(spec.getFormat())
                    ? BigDecimal.valueOf(Long.MAX_VALUE) : spec.getMaximum();
            String actual = "[" + plain(spec.getMinimum()) + ", " + plain(maximum) + "]";
            if (!expected.equals(actual)) {
                differences.add(where + ": the SDK documents " + expected + ", the spec " + actual);
            }
        }
        if (isEnum(raw)) {
            List<String> values = enumValues(raw);
            if (spec.getEnum() != null) {
                Set<String> missing = new LinkedHashSet<>(values);
                spec.getEnum().forEach(value -> missing.remove(String.valueOf(value)));
                if (!missing.isEmpty()) {
                    differences.add(where + ": the spec lacks the values " + missing);
                }
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            compareSent(where + "[]", typeArgument(type, 0), spec.getItems(), null, null);
        } else if (Map.class.isAssignableFrom(raw)) {
            if (spec.getAdditionalProperties() instanceof Schema<?> values) {
                compareSent(where + "{}", typeArgument(type, 1), values, null, null);
            } else if (!Boolean.TRUE.equals(spec.getAdditionalProperties())) {
                differences.add(where + ": the SDK sends a map, the spec takes no other properties");
            }
        } else if (isModel(raw)) {
            Map<String, Schema> properties = spec.getProperties() == null ? Map.of() : spec.getProperties();
            boolean open = Boolean.TRUE.equals(spec.getAdditionalProperties())
                    || spec.getAdditionalProperties() instanceof Schema<?>;
            for (java.lang.reflect.Field field : jsonFields(raw)) {
                String name = jsonName(field);
                Schema<?> propertySchema = properties.get(name);
                if (propertySchema == null) {
                    if (!open) {
                        differences.add(where + "." + name + ": the spec lacks it");
                    }
                } else {
                    compareSent(where + "." + name, field.getGenericType(), propertySchema, raw, name);
                }
            }
        }
    }

    private void compareRead(String where, Type type, Schema<?> spec) {
        compareRead(where, type, spec, Set.of());
    }

    /**
     * What the SDK reads into {@code type} is served by {@code spec}: every field of its model exists
     * there, but those it reads from the answer's headers ({@code fromHeaders}).
     */
    private void compareRead(String where, Type type, Schema<?> spec, Set<String> fromHeaders) {
        Class<?> raw = rawClass(type);
        if (spec == null) {
            differences.add(where + ": the spec serves no JSON answer");
            return;
        }
        if (!sameKind(raw, spec)) {
            differences.add(where + ": the SDK reads " + describe(type) + ", the spec serves " + kind(spec));
            return;
        }
        if (isEnum(raw)) {
            if (spec.getEnum() != null) {
                Set<String> unknown = new LinkedHashSet<>();
                spec.getEnum().forEach(value -> unknown.add(String.valueOf(value)));
                enumValues(raw).forEach(unknown::remove);
                if (!unknown.isEmpty()) {
                    differences.add(where + ": the spec serves values the SDK does not know " + unknown);
                }
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            compareRead(where + "[]", typeArgument(type, 0), spec.getItems());
        } else if (isModel(raw)) {
            Map<String, Schema> properties = spec.getProperties() == null ? Map.of() : spec.getProperties();
            for (java.lang.reflect.Field field : jsonFields(raw)) {
                String name = jsonName(field);
                if (fromHeaders.contains(name)) {
                    continue;
                }
                if (properties.containsKey(name)) {
                    compareRead(where + "." + name, field.getGenericType(), properties.get(name));
                } else {
                    differences.add(where + "." + name + ": the spec does not serve it");
                }
            }
        }
    }

    /**
     * Each IAM operation of iam.yaml and the SDK's definitions of it: what the core calls by itself
     * (InnerIamMeta) and what a user's IamClient sends; one path may be several SDK operations.
     */
    private static Map<String, List<HttpRequestDef<?, ?>>> iamDefinitions() {
        return Map.of(
                "keystoneListProjects", List.of(InnerIamMeta.KEYSTONE_LIST_PROJECTS, IamMeta.keystoneListProjects),
                "keystoneListAuthDomains", List.of(InnerIamMeta.KEYSTONE_LIST_AUTH_DOMAINS, IamMeta.keystoneListAuthDomains),
                "keystoneCreateUserToken", List.of(IamMeta.keystoneCreateUserTokenByPassword, IamMeta.keystoneCreateScopedToken),
                "createTemporaryAccessKeyByToken", List.of(IamMeta.createTemporaryAccessKeyByToken),
                "createTokenWithIdToken", List.of(IamMeta.createTokenWithIdToken));
    }

    private static Map<String, HttpRequestDef<?, ?>> definitions(Class<?> meta) {
        Map<String, HttpRequestDef<?, ?>> found = new LinkedHashMap<>();
        for (java.lang.reflect.Field field : meta.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && HttpRequestDef.class.isAssignableFrom(field.getType())) {
                try {
                    HttpRequestDef<?, ?> definition = (HttpRequestDef<?, ?>) field.get(null);
                    found.put(definition.getMethod().name() + " " + definition.getUri(), definition);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return found;
    }

    private static Parameter parameter(Operation operation, String in, String name) {
        if (operation.getParameters() == null) {
            return null;
        }
        return operation.getParameters().stream()
                .filter(p -> in.equals(p.getIn()) && (in.equals("header") ? p.getName().equalsIgnoreCase(name)
                        : p.getName().equals(name)))
                .findFirst().orElse(null);
    }

    private static Schema<?> successSchema(Operation operation) {
        return operation.getResponses().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("2"))
                .map(Map.Entry::getValue)
                .map(ApiResponse::getContent)
                .filter(content -> content != null && content.get("application/json") != null)
                .map(content -> (Schema<?>) content.get("application/json").getSchema())
                .findFirst().orElse(null);
    }

    /** The Java type of the request model's property {@code name} (its {@code @JsonProperty}). */
    private static Type javaType(Class<?> model, String name) {
        for (java.lang.reflect.Field field : jsonFields(model)) {
            if (jsonName(field).equals(name)) {
                return field.getGenericType();
            }
        }
        throw new AssertionError(model.getSimpleName() + " has no property " + name);
    }

    private static List<java.lang.reflect.Field> jsonFields(Class<?> model) {
        List<java.lang.reflect.Field> fields = new ArrayList<>();
        for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(JsonProperty.class) && !Modifier.isStatic(field.getModifiers())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static String jsonName(java.lang.reflect.Field field) {
        return field.getAnnotation(JsonProperty.class).value();
    }

    /** The model's documented bounds by wire name, read from its source in the SDK's sources jar. */
    private Map<String, BigDecimal[]> bounds(Class<?> model) {
        return boundsByModel.computeIfAbsent(model, type -> {
            String resource = "/" + type.getName().replace('.', '/').replaceAll("\\$.*", "") + ".java";
            String source;
            try (InputStream in = SdkParityTest.class.getResourceAsStream(resource)) {
                if (in == null && !type.getName().startsWith("com.huaweicloud.sdk.sms.")
                        && !type.getName().startsWith("com.huaweicloud.sdk.drs.")) {
                    // IAM's and the core's sources are not on Maven Central: their bounds are iam.yaml's, read by hand.
                    return Map.of();
                }
                assertNotNull(in, "the SDK's sources jar is not on the test class path: " + resource);
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> wireNameByJavaName = new HashMap<>();
            jsonFields(type).forEach(field -> wireNameByJavaName.put(field.getName().toLowerCase(Locale.ROOT),
                    jsonName(field)));
            Map<String, BigDecimal[]> bounds = new HashMap<>();
            Matcher getter = JAVADOC_BOUNDS.matcher(source);
            while (getter.find()) {
                Matcher min = MINIMUM.matcher(getter.group(1));
                Matcher max = MAXIMUM.matcher(getter.group(1));
                String wireName = wireNameByJavaName.get(getter.group(2).toLowerCase(Locale.ROOT));
                if (wireName != null && min.find() && max.find()) {
                    bounds.put(wireName, new BigDecimal[] {new BigDecimal(min.group(1)), new BigDecimal(max.group(1))});
                }
            }
            return bounds;
        });
    }

    private static boolean sameKind(Class<?> raw, Schema<?> spec) {
        String type = spec.getType();
        if (type == null) {
            return true; // any value
        }
        if (isEnum(raw)) {
            return Integer.class.equals(enumValueType(raw)) ? type.equals("integer") : type.equals("string");
        }
        if (raw == String.class || Temporal.class.isAssignableFrom(raw) || raw == java.util.UUID.class) {
            return type.equals("string");
        }
        if (raw == Integer.class || raw == Short.class) {
            return type.equals("integer");
        }
        if (raw == Long.class) {
            return type.equals("integer") && !"int32".equals(spec.getFormat());
        }
        if (raw == Float.class || raw == Double.class || raw == BigDecimal.class) {
            return type.equals("number");
        }
        if (raw == Boolean.class) {
            return type.equals("boolean");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return type.equals("array");
        }
        if (raw == Object.class) {
            return true;
        }
        return type.equals("object");
    }

    private static String kind(Schema<?> spec) {
        return spec.getType() + (spec.getFormat() == null ? "" : " (" + spec.getFormat() + ")");
    }

    private static String describe(Type type) {
        return type.getTypeName().replaceAll("[\\w.]+\\.", "").replace('$', '.');
    }

    private static boolean isNumber(Class<?> raw) {
        return raw == Integer.class || raw == Long.class || raw == Short.class || raw == Float.class
                || raw == Double.class || raw == BigDecimal.class;
    }

    private static boolean isModel(Class<?> raw) {
        return raw.getName().startsWith("com.huaweicloud.sdk.") && !isEnum(raw);
    }

    /** The SDK's enums are classes with constants of their own type and a {@code getValue()}. */
    private static boolean isEnum(Class<?> raw) {
        return raw.getName().startsWith("com.huaweicloud.sdk.") && raw.getSimpleName().endsWith("Enum")
                && enumValueType(raw) != null;
    }

    private static Class<?> enumValueType(Class<?> raw) {
        try {
            return raw.getMethod("getValue").getReturnType();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static List<String> enumValues(Class<?> raw) {
        List<String> values = new ArrayList<>();
        for (java.lang.reflect.Field constant : raw.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == raw) {
                try {
                    values.add(String.valueOf(raw.getMethod("getValue").invoke(constant.get(null))));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "none" : value.stripTrailingZeros().toPlainString();
    }

    /** The reviewed exceptions: groups of {@code differences}, each group with one {@code reason}. */
    private static Map<String, String> allowList() {
        try (InputStream in = SdkParityTest.class.getResourceAsStream(ALLOW_LIST)) {
            assertNotNull(in, ALLOW_LIST + " is missing");
            JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, String> allowed = new LinkedHashMap<>();
            for (JsonNode group : groups) {
                String reason = group.path("reason").asText("");
                assertTrue(reason.length() >= 20, () -> "an allow-list group needs a reason: " + group);
                group.path("differences").forEach(difference -> allowed.put(difference.asText(), reason));
            }
            return allowed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
