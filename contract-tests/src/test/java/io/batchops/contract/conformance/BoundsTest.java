package io.batchops.contract.conformance;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The bounds of every operation of every spec, read from the specs themselves: each header's, query
 * and path parameter's and body field's minLength, maxLength, minimum, maximum, minItems, maxItems,
 * pattern, enum and required. From a valid request, each case changes one value: at a bound the
 * request passes validation; one past it, it fails with the documented status and error body naming
 * the field, and changes nothing. A bound added to, moved in or dropped from a spec changes the cases;
 * a server that does not honour it fails them; an operation added without a setup here fails
 * {@link #everyOperationHasASetup}.
 */
class BoundsTest {
    /** The spec extension that gives the status of a parameter outside its bounds when it is not 400. */
    private static final String VIOLATION_STATUS = "x-bound-violation-status";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    enum Fault { MISSING, OUT_OF_BOUNDS }

    /** An operation of a spec, found by walking it. */
    record Op(Contract contract, String method, String template, Operation operation) {
        String id() {
            return operation.getOperationId();
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /**
     * One request: the baseline with one value changed. {@code fault} is null when the value is at a
     * bound (or is an allowed value) and the request must pass validation.
     */
    record Case(Op op, String name, String field, Fault fault, int failureStatus, Map<String, String> headers,
            Map<String, String> pathParams, Map<String, String> query, JsonNode body) {
        String path() {
            String path = op.template();
            for (var param : pathParams.entrySet()) {
                path = path.replace("{" + param.getKey() + "}", URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            }
            StringBuilder withQuery = new StringBuilder(path);
            query.forEach((name, value) -> withQuery.append(withQuery.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return withQuery.toString();
        }

        @Override
        public String toString() {
            return op + ": " + name;
        }
    }

    static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Contract contract : List.of(Contract.SMS, Contract.DRS, Contract.IAM, Contract.ADMIN)) {
            contract.api().getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                    ops.add(new Op(contract, method.name(), template, operation))));
        }
        return ops;
    }

    @TestFactory
    Stream<DynamicNode> everyOperationsBounds() {
        return operations().stream().map(op -> DynamicContainer.dynamicContainer(op.toString(),
                new Generator(op).cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)))));
    }

    @Test
    void everyOperationHasASetup() {
        operations().forEach(op -> successStatus(op, NullNode.instance, Map.of(), Map.of()));
    }

    /** The walk finds what the seed pages and the specs give: so an empty walk cannot pass for a checked spec. */
    @Test
    void theWalkFindsTheDocumentedBounds() {
        assertTrue(names("deleteTasks").containsAll(List.of("X-Auth-Token length 1", "X-Auth-Token length 16384",
                "X-Auth-Token length 16385", "X-Auth-Token length 0", "ids 1 items", "ids 0 items", "ids 50 items",
                "ids 51 items", "ids[0] length 0", "ids[0] length 255", "ids[0] length 256", "ids missing",
                "ids null", "body missing", "body null")), names("deleteTasks").toString());
        assertTrue(names("batchDeleteJobs").containsAll(List.of("X-Language = en-us", "X-Language = zh-cn",
                "X-Language not in enum", "jobs 1 items", "jobs 0 items", "jobs 100 items", "jobs 101 items",
                "jobs[0].delete_type = terminate", "jobs[0].delete_type = force_terminate", "jobs[0].delete_type = delete",
                "jobs[0].delete_type not in enum", "jobs[0].delete_type missing", "jobs[0].job_id missing",
                "jobs[0].job_id null")), names("batchDeleteJobs").toString());
        assertTrue(names("listTasks").containsAll(List.of("limit = 0", "limit = 200", "limit = 201", "limit = -1",
                "offset = 0", "offset = -1", "offset = 65535", "offset = 65536", "state not in enum")),
                names("listTasks").toString());
        assertTrue(names("batchCreateJobs").containsAll(List.of("jobs 10 items", "jobs 11 items",
                "jobs[0].name length 4", "jobs[0].name length 3", "jobs[0].name length 50", "jobs[0].name length 51",
                "jobs[0].name not matching its pattern")), names("batchCreateJobs").toString());
        assertTrue(names("setTiming").containsAll(List.of("reads = 1", "reads = 0", "reads = 1000", "reads = 1001")),
                names("setTiming").toString());
        assertTrue(names("keystoneListProjects").containsAll(List.of("per_page = 1", "per_page = 0", "per_page = 5000",
                "per_page = 5001", "page = 0", "X-Auth-Token length 16385")), names("keystoneListProjects").toString());
        assertTrue(names("createTemporaryAccessKeyByToken").containsAll(List.of("auth.identity.methods 0 items",
                "auth.identity.methods 2 items", "auth.identity.methods[0] not in enum")),
                names("createTemporaryAccessKeyByToken").toString());
    }

    private static List<String> names(String operationId) {
        Op op = operations().stream().filter(o -> o.id().equals(operationId)).findFirst().orElseThrow();
        return new Generator(op).cases().stream().map(Case::name).toList();
    }

    private static void check(Case c) {
        Seed seed = seedFor(c.op(), c.body(), c.pathParams());
        seed.load();
        Map<String, String> before = State.of(seed);
        Wire request = Wire.to(c.op().contract(), c.op().method(), c.path()).body(c.body());
        c.headers().forEach(request::header);
        Exchange answer = request.send();
        if (c.fault() == null) {
            assertEquals(successStatus(c.op(), c.body(), c.pathParams(), c.query()), answer.status(), () -> c + " must pass: " + answer);
            return;
        }
        assertEquals(c.failureStatus(), answer.status(), () -> c + " must fail: " + answer);
        assertEquals(before, State.of(seed), () -> c + " changed the state: " + answer);
        if (answer.status() == 401) {
            assertEquals(c.op().contract() == Contract.IAM ? "IAM.0001" : "APIGW.0301", answer.errorCode(), answer::toString);
            return;
        }
        assertEquals(invalidInputCode(c.op().contract(), c.fault(), c.field()), answer.errorCode(), answer::toString);
        assertTrue(answer.errorMsg().contains(c.field()), () -> "the message must name " + c.field() + ": " + answer);
        if (c.op().contract() == Contract.SMS) {
            assertEquals(List.of(c.field()), texts(answer.json().path("error_param")), answer::toString);
        }
    }

    /**
     * The documented codes for bad input: SMS and the control API have one; DRS tells a missing value
     * from a bad one, and a page number or size out of its bounds from other values.
     */
    private static String invalidInputCode(Contract contract, Fault fault, String field) {
        if (contract == Contract.SMS) {
            return "SMS.1801";
        }
        if (contract == Contract.ADMIN) {
            return "BATCHOPS.0400";
        }
        if (contract == Contract.IAM) {
            return "IAM.0007";
        }
        if (fault == Fault.MISSING) {
            return "DRS.M00201";
        }
        return field.endsWith("cur_page") ? "DRS.M00210" : field.endsWith("per_page") ? "DRS.M00211" : "DRS.M00202";
    }

    /**
     * The state the request names (its ids, in the body or the path), so that a valid request succeeds
     * and an invalid one has something to leave alone.
     */
    private static Seed seedFor(Op op, JsonNode body, Map<String, String> path) {
        JsonNode json = body == null ? NullNode.instance : body;
        return switch (op.id()) {
            case "deleteTasks" -> Seed.deletableTasks(ALICE_DOMAIN, nonEmpty(texts(json.path("ids"))));
            case "showTask", "deleteTask", "setTaskState" -> Seed.deletableTasks(ALICE_DOMAIN, nonEmpty(List.of(path.get("task_id"))));
            case "showServer", "setSourceState", "updateCopyState", "deleteServer" ->
                    sources(nonEmpty(List.of(path.get("source_id"))));
            case "deleteServers" -> sources(nonEmpty(texts(json.path("ids"))));
            case "updateTaskStatus" -> taskReadyFor(json.path("operation").asText("start"), path.get("task_id"));
            case "createTask" -> sources(nonEmpty(List.of(json.path("source_server").path("id").asText(""))));
            case "batchDeleteJobs" -> jobs(json.path("jobs").findValuesAsText("job_id"));
            case "batchListJobStatus", "batchListJobDetails" -> jobs(texts(json.path("jobs")));
            case "batchStartJobs", "batchStopJobs" -> jobs(json.path("jobs").findValuesAsText("job_id"));
            case "setJobStatus" -> jobs(nonEmpty(List.of(path.get("job_id"))));
            default -> Seed.empty();
        };
    }

    /** A valid request's status; an empty SMS id never names a task (the spec's rule 3). */
    private static int successStatus(Op op, JsonNode body, Map<String, String> path, Map<String, String> query) {
        return switch (op.id()) {
            case "deleteTasks", "deleteServers" -> texts(body.path("ids")).contains("") ? 404 : 200;
            case "deleteServer" -> path.getOrDefault("source_id", "x").isEmpty() ? 404 : 200;
            case "registerServer", "listServers", "showServer", "createTask", "listTasks", "showTask", "deleteTask",
                    "listJobs", "batchListJobStatus", "health", "version", "metrics", "getTiming", "setTiming", "updateTaskStatus",
                    "updateCopyState", "showOverview", "batchListJobDetails", "exportState", "listFaults", "listRequests" -> 200;
            case "addFault" -> 201;
            case "getClock", "setClock", "environment", "keystoneListAuthDomains" -> 200;
            // page and per_page come together.
            case "keystoneListProjects" -> query.containsKey("page") == query.containsKey("per_page") ? 200 : 400;
            // A well-formed request names no user of the suite's: IAM answers 401; one method, with its part only.
            case "keystoneCreateUserToken" -> oneMethod(body.path("auth").path("identity")) ? 401 : 400;
            case "createTokenWithIdToken" -> 401;
            // The caller's own token (X-Auth-Token) gets a key; a made-up token id in the body does not.
            case "createTemporaryAccessKeyByToken" -> body.path("auth").path("identity").path("token").has("id") ? 401 : 201;
            // No rule has an id the test could know: a valid id names none.
            case "removeFault" -> 404;
            case "batchDeleteJobs", "batchCreateJobs", "batchStartJobs", "batchStopJobs" -> 202;
            case "reset", "loadFixtures", "importState", "clearFaults", "clearRequests", "setSourceState", "setTaskState", "setJobStatus" -> 204;
            default -> throw new AssertionError(op + " (" + op.id() + ") has no setup in BoundsTest: add one");
        };
    }

    /** Whether an IAM identity names one method and gives that method's part, and not the other's. */
    private static boolean oneMethod(JsonNode identity) {
        String method = identity.path("methods").path(0).asText();
        String other = "password".equals(method) ? "token" : "password";
        return identity.has(method) && !identity.has(other);
    }

    /** A task in a state where {@code operation} is allowed, its source server connected. */
    private static Seed taskReadyFor(String operation, String taskId) {
        TaskState state = switch (operation) {
            case "stop", "skip" -> TaskState.RUNNING;
            case "restart", "clear" -> TaskState.ABORT;
            case "test", "clone_test" -> TaskState.SYNCING;
            default -> TaskState.READY;
        };
        Seed seed = Seed.empty().source(Seed.IDLE_SOURCE, ALICE_DOMAIN, SourceServerState.STOPPED, true);
        nonEmpty(List.of(taskId == null ? "" : taskId)).forEach(id -> seed.task(id, ALICE_DOMAIN, Seed.IDLE_SOURCE, state));
        return seed;
    }

    private static Seed sources(List<String> ids) {
        Seed seed = Seed.empty();
        ids.forEach(id -> seed.source(id, ALICE_DOMAIN, SourceServerState.STOPPED, true));
        return seed;
    }

    private static Seed jobs(List<String> ids) {
        return Seed.jobs(ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, ids.stream().filter(id -> !id.isEmpty()).distinct().toList());
    }

    private static List<String> nonEmpty(List<String> ids) {
        return ids.stream().filter(id -> id != null && !id.isEmpty()).distinct().toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** {@code value} as JSON: an integer without fraction or exponent (JSON Schema draft 4's integer). */
    private static JsonNode number(Schema<?> schema, BigDecimal value) {
        return "integer".equals(schema.getType()) ? JSON.numberNode(value.toBigIntegerExact()) : JSON.numberNode(value);
    }

    /** Walks one operation's parameters and request schema and derives the cases. */
    private static final class Generator {
        private final Op op;
        private final List<Case> cases = new ArrayList<>();
        private final Map<String, String> baselineHeaders = new LinkedHashMap<>();
        private final Map<String, String> baselinePath = new LinkedHashMap<>();
        private final Map<String, String> baselineQuery = new LinkedHashMap<>();
        private final JsonNode baselineBody;
        private int counter;

        Generator(Op op) {
            this.op = op;
            // Every case is authenticated, by the operation's first security scheme.
            var requirements = op.operation().getSecurity() != null ? op.operation().getSecurity()
                    : op.contract().api().getSecurity();
            if (requirements != null && !requirements.isEmpty() && !requirements.get(0).isEmpty()) {
                String scheme = requirements.get(0).keySet().iterator().next();
                String header = op.contract().api().getComponents().getSecuritySchemes().get(scheme).getName();
                baselineHeaders.put(header, "token".equals(scheme) ? ALICE_TOKEN : TestServer.ADMIN_TOKEN);
            }
            for (Parameter parameter : parameters()) {
                boolean required = Boolean.TRUE.equals(parameter.getRequired());
                switch (parameter.getIn()) {
                    case "path" -> baselinePath.put(parameter.getName(), pathValue(parameter.getName()));
                    case "header" -> {
                        if (required) {
                            baselineHeaders.put(parameter.getName(), valid(parameter.getSchema()).asText());
                        }
                    }
                    default -> {
                        if (required) {
                            baselineQuery.put(parameter.getName(), valid(parameter.getSchema()).asText());
                        }
                    }
                }
            }
            var requestBody = op.operation().getRequestBody();
            this.baselineBody = requestBody == null ? null
                    : valid(requestBody.getContent().get("application/json").getSchema());
        }

        /** Tenants' ids are Alice's; other path ids are generated. */
        private String pathValue(String name) {
            return switch (name) {
                case "project_id" -> ALICE_PROJECT;
                case "domain_id" -> ALICE_DOMAIN;
                default -> text(8);
            };
        }

        List<Case> cases() {
            if (cases.isEmpty()) {
                parameters().forEach(this::parameterCases);
                var requestBody = op.operation().getRequestBody();
                if (requestBody != null) {
                    if (Boolean.TRUE.equals(requestBody.getRequired())) {
                        cases.add(bodyCase("body missing", "body", Fault.MISSING, null));
                        cases.add(bodyCase("body null", "body", Fault.MISSING, NullNode.instance));
                    }
                    bodyCases(requestBody.getContent().get("application/json").getSchema(), List.of(), "");
                }
            }
            return cases;
        }

        private List<Parameter> parameters() {
            return op.operation().getParameters() == null ? List.of() : op.operation().getParameters();
        }

        private void parameterCases(Parameter parameter) {
            String name = parameter.getName();
            Schema<?> schema = parameter.getSchema();
            Object extension = parameter.getExtensions() == null ? null : parameter.getExtensions().get(VIOLATION_STATUS);
            int failure = extension == null ? 400 : Integer.parseInt(extension.toString());
            boolean header = "header".equals(parameter.getIn());
            if (Boolean.TRUE.equals(parameter.getRequired()) && !"path".equals(parameter.getIn())) {
                cases.add(parameterCase(parameter, name + " missing", Fault.MISSING, failure, null));
            }
            if (schema.getMinLength() != null) {
                int min = schema.getMinLength();
                cases.add(parameterCase(parameter, name + " length " + min, null, failure, textOfLength(parameter, min)));
                if (min > 0) {
                    cases.add(parameterCase(parameter, name + " length " + (min - 1), Fault.OUT_OF_BOUNDS, failure, "x".repeat(min - 1)));
                }
            }
            if (schema.getMaxLength() != null) {
                int max = schema.getMaxLength();
                cases.add(parameterCase(parameter, name + " length " + max, null, failure, textOfLength(parameter, max)));
                cases.add(parameterCase(parameter, name + " length " + (max + 1), Fault.OUT_OF_BOUNDS, failure, "x".repeat(max + 1)));
            }
            numberBounds(schema, (label, value, fault) ->
                    cases.add(parameterCase(parameter, name + label, fault, failure, value.toString())));
            if (schema.getEnum() != null) {
                schema.getEnum().forEach(value ->
                        cases.add(parameterCase(parameter, name + " = " + value, null, failure, value.toString())));
                cases.add(parameterCase(parameter, name + " not in enum", Fault.OUT_OF_BOUNDS, failure, header ? "xx-xx" : "NOT_A_VALUE"));
            }
        }

        /** A value that passes, {@code length} long. A token must also name a principal: the test server has them. */
        private String textOfLength(Parameter parameter, int length) {
            return "X-Auth-Token".equals(parameter.getName()) ? TestServer.tokenOfLength(length) : text(length);
        }

        private Case parameterCase(Parameter parameter, String name, Fault fault, int failure, String value) {
            Map<String, String> headers = new LinkedHashMap<>(baselineHeaders);
            Map<String, String> path = new LinkedHashMap<>(baselinePath);
            Map<String, String> query = new LinkedHashMap<>(baselineQuery);
            Map<String, String> target = switch (parameter.getIn()) {
                case "header" -> headers;
                case "path" -> path;
                default -> query;
            };
            if (value == null) {
                target.remove(parameter.getName());
            } else {
                target.put(parameter.getName(), value);
            }
            return new Case(op, name, parameter.getName(), fault, failure, headers, path, query, baselineBody);
        }

        private Case bodyCase(String name, String field, Fault fault, JsonNode body) {
            return new Case(op, name, field, fault, 400, baselineHeaders, baselinePath, baselineQuery, body);
        }

        interface NumberCase {
            void add(String label, BigDecimal value, Fault fault);
        }

        private static void numberBounds(Schema<?> schema, NumberCase add) {
            if (schema.getMinimum() != null) {
                add.add(" = " + schema.getMinimum(), schema.getMinimum(), null);
                add.add(" = " + schema.getMinimum().subtract(BigDecimal.ONE), schema.getMinimum().subtract(BigDecimal.ONE),
                        Fault.OUT_OF_BOUNDS);
            }
            if (schema.getMaximum() != null) {
                add.add(" = " + schema.getMaximum(), schema.getMaximum(), null);
                add.add(" = " + schema.getMaximum().add(BigDecimal.ONE), schema.getMaximum().add(BigDecimal.ONE),
                        Fault.OUT_OF_BOUNDS);
            }
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
                    // Optional objects are walked too, from their smallest valid form.
                    if (required.contains(property) || propertySchema.getProperties() == null) {
                        bodyCases(propertySchema, at, field);
                    }
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
                if (at(location) != null) {
                    bodyCases(schema.getItems(), append(location, 0), label + "[0]");
                }
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
            if (schema.getPattern() != null) {
                // Every generated text starts with a letter; a leading '#' breaks each pattern of the specs.
                String bad = "#" + text(Math.max(0, (schema.getMinLength() == null ? 1 : schema.getMinLength()) - 1));
                assertTrue(!bad.matches(schema.getPattern()), label + ": '" + bad + "' matches " + schema.getPattern());
                cases.add(bodyCase(label + " not matching its pattern", label, Fault.OUT_OF_BOUNDS, with(location, JSON.textNode(bad))));
            }
            numberBounds(schema, (suffix, value, fault) ->
                    cases.add(bodyCase(label + suffix, label, fault, with(location, number(schema, value)))));
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
            if ("integer".equals(schema.getType()) || "number".equals(schema.getType())) {
                return number(schema, schema.getMinimum() == null ? BigDecimal.ONE : schema.getMinimum());
            }
            if ("object".equals(schema.getType())) {
                return JSON.objectNode();
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

        private JsonNode at(List<Object> location) {
            JsonNode node = baselineBody;
            for (Object step : location) {
                node = node == null ? null : step instanceof Integer index ? node.get(index) : node.get((String) step);
            }
            return node;
        }

        /** The baseline body with the value at {@code location} replaced, or removed when {@code value} is null. */
        private JsonNode with(List<Object> location, JsonNode value) {
            if (location.isEmpty()) {
                return value;
            }
            JsonNode body = baselineBody.deepCopy();
            JsonNode parent = body;
            for (Object step : location.subList(0, location.size() - 1)) {
                JsonNode next = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
                if (next == null) {
                    // An optional object the baseline leaves out: present it, empty.
                    next = JSON.objectNode();
                    ((ObjectNode) parent).set((String) step, next);
                }
                parent = next;
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
