package io.batchops.contract;

import static io.batchops.contract.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.TestServer.ALICE_PROJECT;
import static io.batchops.contract.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchops.server.store.JobStatus;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The bounds of both operations, read from the specs themselves: every header's and body field's
 * minLength, maxLength, minItems, maxItems, enum and required. From a valid request, each case
 * changes one value: at a bound the request passes validation; one past it, it fails with the
 * documented status and error body naming the field, and changes nothing. A bound added to, moved in
 * or dropped from a spec changes the cases; a server that does not honour it fails them.
 */
class BoundsTest {
    /** The spec extension that gives the status of a parameter outside its bounds when it is not 400. */
    private static final String VIOLATION_STATUS = "x-bound-violation-status";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    enum Fault { MISSING, OUT_OF_BOUNDS }

    /**
     * One request: the baseline with one header or body value changed. {@code fault} is null when the
     * value is at a bound (or is an allowed value) and the request must pass validation.
     */
    record Case(Target target, String name, String field, Fault fault, int failureStatus,
            Map<String, String> headers, JsonNode body) {
        @Override
        public String toString() {
            return target + ": " + name;
        }
    }

    @TestFactory
    Stream<DynamicTest> smsBounds() {
        return run(Target.SMS_DELETE);
    }

    @TestFactory
    Stream<DynamicTest> drsBounds() {
        return run(Target.DRS_BATCH);
    }

    /** The walk finds what the seed pages give: so an empty walk cannot pass for a checked spec. */
    @Test
    void theWalkFindsTheDocumentedBounds() {
        List<String> sms = new Generator(Target.SMS_DELETE).cases().stream().map(Case::name).toList();
        assertTrue(sms.containsAll(List.of("X-Auth-Token length 1", "X-Auth-Token length 16384",
                "X-Auth-Token length 16385", "X-Auth-Token length 0", "ids 1 items", "ids 0 items", "ids 50 items",
                "ids 51 items", "ids[0] length 0", "ids[0] length 255", "ids[0] length 256", "ids missing",
                "ids null", "body missing", "body null")), sms.toString());
        List<String> drs = new Generator(Target.DRS_BATCH).cases().stream().map(Case::name).toList();
        assertTrue(drs.containsAll(List.of("X-Language = en-us", "X-Language = zh-cn", "X-Language not in enum",
                "jobs 1 items", "jobs 0 items", "jobs 100 items", "jobs 101 items", "jobs[0].delete_type = terminate",
                "jobs[0].delete_type = force_terminate", "jobs[0].delete_type = delete",
                "jobs[0].delete_type not in enum", "jobs[0].delete_type missing", "jobs[0].job_id missing",
                "jobs[0].job_id null")), drs.toString());
    }

    private static Stream<DynamicTest> run(Target target) {
        return new Generator(target).cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        Seed seed = seedFor(c.target(), c.body());
        seed.load();
        Map<String, String> before = State.of(seed);
        Wire request = c.target().request().token(null).body(c.body());
        c.headers().forEach(request::header);
        Exchange answer = request.send();
        if (c.fault() == null) {
            assertEquals(successStatus(c.target(), c.body()), answer.status(), () -> c + " must pass: " + answer);
            return;
        }
        assertEquals(c.failureStatus(), answer.status(), () -> c + " must fail: " + answer);
        assertEquals(before, State.of(seed), () -> c + " changed the state: " + answer);
        if (answer.status() == 401) {
            assertEquals("APIGW.0301", answer.errorCode(), answer::toString);
            return;
        }
        assertEquals(invalidInputCode(c.target(), c.fault()), answer.errorCode(), answer::toString);
        assertTrue(answer.errorMsg().contains(c.field()), () -> "the message must name " + c.field() + ": " + answer);
        if (c.target().contract() == Contract.SMS) {
            assertEquals(List.of(c.field()), texts(answer.json().path("error_param")), answer::toString);
        }
    }

    /** The documented codes for bad input: SMS has one; DRS tells a missing value from a bad one. */
    private static String invalidInputCode(Target target, Fault fault) {
        if (target.contract() == Contract.SMS) {
            return "SMS.1801";
        }
        return fault == Fault.MISSING ? "DRS.M00200" : "DRS.M00202";
    }

    /**
     * The state the request's ids name, all deletable or stoppable, so that a valid request succeeds
     * and an invalid one has something to leave alone.
     */
    private static Seed seedFor(Target target, JsonNode body) {
        if (target.contract() == Contract.SMS) {
            List<String> ids = texts(body == null ? NullNode.instance : body.path("ids")).stream()
                    .filter(id -> !id.isEmpty()).distinct().toList();
            return Seed.deletableTasks(ALICE_DOMAIN, ids);
        }
        List<String> jobs = new ArrayList<>();
        if (body != null) {
            body.path("jobs").forEach(job -> {
                if (job.path("job_id").isTextual()) {
                    jobs.add(job.path("job_id").asText());
                }
            });
        }
        return Seed.jobs(ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, jobs.stream().distinct().toList());
    }

    /** A valid request's status: an empty SMS id never names a task (the spec's rule 3). */
    private static int successStatus(Target target, JsonNode body) {
        if (target.contract() == Contract.SMS) {
            return texts(body.path("ids")).contains("") ? 404 : 200;
        }
        return 202;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** Walks one operation's parameters and request schema and derives the cases. */
    private static final class Generator {
        private final Target target;
        private final List<Case> cases = new ArrayList<>();
        private final Map<String, String> baselineHeaders = new LinkedHashMap<>();
        private final JsonNode baselineBody;
        private int counter;

        Generator(Target target) {
            this.target = target;
            // Every case is authenticated, by the spec's `token` security scheme.
            baselineHeaders.put(target.contract().api().getComponents().getSecuritySchemes().get("token").getName(), ALICE_TOKEN);
            for (Parameter parameter : headerParameters()) {
                if (Boolean.TRUE.equals(parameter.getRequired())) {
                    baselineHeaders.put(parameter.getName(), headerValue(parameter, null));
                }
            }
            this.baselineBody = valid(requestSchema());
        }

        List<Case> cases() {
            if (cases.isEmpty()) {
                headerParameters().forEach(this::headerCases);
                if (Boolean.TRUE.equals(target.contract().operation(target.method(), target.template())
                        .getRequestBody().getRequired())) {
                    cases.add(bodyCase("body missing", "body", Fault.MISSING, null));
                    cases.add(bodyCase("body null", "body", Fault.MISSING, NullNode.instance));
                }
                bodyCases(requestSchema(), List.of(), "");
            }
            return cases;
        }

        private List<Parameter> headerParameters() {
            return target.contract().parameters(target.method(), target.template()).stream()
                    .filter(parameter -> "header".equals(parameter.getIn())).toList();
        }

        private Schema<?> requestSchema() {
            return target.contract().requestContent(target.method(), target.template()).getSchema();
        }

        private void headerCases(Parameter parameter) {
            String name = parameter.getName();
            Schema<?> schema = parameter.getSchema();
            Object extension = parameter.getExtensions() == null ? null : parameter.getExtensions().get(VIOLATION_STATUS);
            int failure = extension == null ? 400 : Integer.parseInt(extension.toString());
            if (Boolean.TRUE.equals(parameter.getRequired())) {
                cases.add(headerCase(name + " missing", name, Fault.MISSING, failure, null));
            }
            if (schema.getMinLength() != null) {
                int min = schema.getMinLength();
                cases.add(headerCase(name + " length " + min, name, null, failure, headerValue(parameter, min)));
                if (min > 0) {
                    cases.add(headerCase(name + " length " + (min - 1), name, Fault.OUT_OF_BOUNDS, failure, "x".repeat(min - 1)));
                }
            }
            if (schema.getMaxLength() != null) {
                int max = schema.getMaxLength();
                cases.add(headerCase(name + " length " + max, name, null, failure, headerValue(parameter, max)));
                cases.add(headerCase(name + " length " + (max + 1), name, Fault.OUT_OF_BOUNDS, failure, "x".repeat(max + 1)));
            }
            if (schema.getEnum() != null) {
                schema.getEnum().forEach(value ->
                        cases.add(headerCase(name + " = " + value, name, null, failure, value.toString())));
                cases.add(headerCase(name + " not in enum", name, Fault.OUT_OF_BOUNDS, failure, "xx-xx"));
            }
        }

        /**
         * A header value that passes, {@code length} long when given. A token must also name a
         * principal: the test server's principal has tokens at the spec's bounds.
         */
        private String headerValue(Parameter parameter, Integer length) {
            if ("X-Auth-Token".equals(parameter.getName())) {
                return length == null ? ALICE_TOKEN : TestServer.tokenOfLength(length);
            }
            Schema<?> schema = parameter.getSchema();
            if (length == null && schema.getEnum() != null) {
                return schema.getEnum().get(0).toString();
            }
            return "x".repeat(length == null ? Math.max(1, schema.getMinLength() == null ? 1 : schema.getMinLength()) : length);
        }

        private Case headerCase(String name, String field, Fault fault, int failure, String value) {
            Map<String, String> headers = new LinkedHashMap<>(baselineHeaders);
            headers.put(field, value);
            return new Case(target, name, field, fault, failure, headers, baselineBody);
        }

        private Case bodyCase(String name, String field, Fault fault, JsonNode body) {
            return new Case(target, name, field, fault, 400, baselineHeaders, body);
        }

        /** Cases for the value at {@code location} (field names and indexes), labelled as the client wrote it. */
        private void bodyCases(Schema<?> schema, List<Object> location, String label) {
            if (schema.getProperties() != null) {
                List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                schema.getProperties().forEach((property, propertySchema) -> {
                    List<Object> at = append(location, property);
                    String field = label.isEmpty() ? property : label + "." + property;
                    if (required.contains(property)) {
                        cases.add(bodyCase(field + " missing", field, Fault.MISSING, with(at, null)));
                        cases.add(bodyCase(field + " null", field, Fault.MISSING, with(at, NullNode.instance)));
                    }
                    bodyCases(propertySchema, at, field);
                });
            }
            if (schema.getItems() != null) {
                if (schema.getMinItems() != null) {
                    int min = schema.getMinItems();
                    cases.add(bodyCase(label + " " + min + " items", label, null, with(location, items(schema.getItems(), min))));
                    if (min > 0) {
                        cases.add(bodyCase(label + " " + (min - 1) + " items", label, Fault.OUT_OF_BOUNDS,
                                with(location, items(schema.getItems(), min - 1))));
                    }
                }
                if (schema.getMaxItems() != null) {
                    int max = schema.getMaxItems();
                    cases.add(bodyCase(label + " " + max + " items", label, null, with(location, items(schema.getItems(), max))));
                    cases.add(bodyCase(label + " " + (max + 1) + " items", label, Fault.OUT_OF_BOUNDS,
                            with(location, items(schema.getItems(), max + 1))));
                }
                bodyCases(schema.getItems(), append(location, 0), label + "[0]");
            }
            if (schema.getMinLength() != null) {
                int min = schema.getMinLength();
                cases.add(bodyCase(label + " length " + min, label, null, with(location, JSON.textNode(text(min)))));
                if (min > 0) {
                    cases.add(bodyCase(label + " length " + (min - 1), label, Fault.OUT_OF_BOUNDS,
                            with(location, JSON.textNode(text(min - 1)))));
                }
            }
            if (schema.getMaxLength() != null) {
                int max = schema.getMaxLength();
                cases.add(bodyCase(label + " length " + max, label, null, with(location, JSON.textNode(text(max)))));
                cases.add(bodyCase(label + " length " + (max + 1), label, Fault.OUT_OF_BOUNDS,
                        with(location, JSON.textNode(text(max + 1)))));
            }
            if (schema.getEnum() != null) {
                schema.getEnum().forEach(value ->
                        cases.add(bodyCase(label + " = " + value, label, null, with(location, JSON.textNode(value.toString())))));
                cases.add(bodyCase(label + " not in enum", label, Fault.OUT_OF_BOUNDS, with(location, JSON.textNode("not_a_value"))));
            }
        }

        /** The smallest valid value of {@code schema}: required properties, the fewest items, distinct strings. */
        private JsonNode valid(Schema<?> schema) {
            if (schema.getProperties() != null) {
                ObjectNode object = JSON.objectNode();
                List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                schema.getProperties().forEach((property, propertySchema) -> {
                    if (required.contains(property)) {
                        object.set(property, valid(propertySchema));
                    }
                });
                return object;
            }
            if (schema.getItems() != null) {
                return items(schema.getItems(), Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems()));
            }
            if (schema.getEnum() != null) {
                return JSON.textNode(schema.getEnum().get(0).toString());
            }
            if ("boolean".equals(schema.getType())) {
                return JSON.booleanNode(true);
            }
            return JSON.textNode(text(Math.max(1, schema.getMinLength() == null ? 0 : schema.getMinLength())));
        }

        private ArrayNode items(Schema<?> itemSchema, int count) {
            ArrayNode array = JSON.arrayNode();
            for (int i = 0; i < count; i++) {
                array.add(valid(itemSchema));
            }
            return array;
        }

        /** A string of exactly {@code length} characters, distinct from the others where it can be. */
        private String text(int length) {
            String distinct = "v" + counter++;
            return distinct.length() >= length ? distinct.substring(0, length)
                    : distinct + "x".repeat(length - distinct.length());
        }

        /** The baseline body with the value at {@code location} replaced, or removed when {@code value} is null. */
        private JsonNode with(List<Object> location, JsonNode value) {
            JsonNode body = baselineBody.deepCopy();
            if (location.isEmpty()) {
                return value;
            }
            JsonNode parent = body;
            for (Object step : location.subList(0, location.size() - 1)) {
                parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            }
            Object last = location.get(location.size() - 1);
            if (last instanceof Integer index) {
                ((ArrayNode) parent).set(index, value == null ? NullNode.instance : value);
            } else if (value == null) {
                ((ObjectNode) parent).remove((String) last);
            } else {
                ((ObjectNode) parent).set((String) last, value);
            }
            return body;
        }

        private static List<Object> append(List<Object> location, Object step) {
            List<Object> longer = new ArrayList<>(location);
            longer.add(step);
            return longer;
        }
    }
}
