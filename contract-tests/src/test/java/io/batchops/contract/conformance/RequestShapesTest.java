package io.batchops.contract.conformance;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bodies and requests of the wrong shape: each gets a 400 with the service's JSON error body, a code
 * from the spec's table and a message naming the offending field; never a plain-text default, a 404
 * for a bad value, a 500 or a stack trace; and nothing changes.
 */
class RequestShapesTest {
    private static final Seed STATE = Seed.deletableTasks(ALICE_DOMAIN, List.of("1"))
            .job("j", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED);

    /** A malformed request: the raw body (or a header change), the field the answer must name, and each family's code. */
    record Shape(String name, String smsBody, String drsBody, String field, String smsCode, String drsCode) {
    }

    private static final String SMS_OK = "{\"ids\": [\"1\"]}";
    private static final String DRS_OK = "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": \"j\"}]}";

    static List<Shape> shapes() {
        return List.of(
                new Shape("not JSON", "{\"ids\": [", "{\"jobs\": [", "body", "SMS.1801", "DRS.M00007"),
                new Shape("not JSON at all", "ids=1", "jobs=1", "body", "SMS.1801", "DRS.M00007"),
                new Shape("trailing garbage", SMS_OK + " x", DRS_OK + " x", "body", "SMS.1801", "DRS.M00007"),
                new Shape("a JSON array", "[\"1\"]", "[]", "body", "SMS.1801", "DRS.M00200"),
                new Shape("a JSON string", "\"1\"", "\"j\"", "body", "SMS.1801", "DRS.M00200"),
                new Shape("empty object", "{}", "{}", null, "SMS.1801", "DRS.M00201"),
                new Shape("cut short in a list", "{\"ids\": [\"1\"", "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": \"j\"}", "body",
                        "SMS.1801", "DRS.M00007"),
                new Shape("unknown field", "{\"ids\": [\"1\"], \"force\": true}",
                        "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": \"j\", \"force\": true}]}",
                        "force", "SMS.1801", "DRS.M00200"),
                new Shape("list of the wrong type", "{\"ids\": \"1\"}", "{\"jobs\": {\"job_id\": \"j\"}}",
                        null, "SMS.1801", "DRS.M00200"),
                new Shape("item of the wrong type", "{\"ids\": [1]}",
                        "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": 7}]}", null, "SMS.1801", "DRS.M00200"),
                new Shape("item an object", "{\"ids\": [{\"id\": \"1\"}]}", "{\"jobs\": [\"j\"]}", null, "SMS.1801", "DRS.M00200"),
                new Shape("null item", "{\"ids\": [\"1\", null]}", "{\"jobs\": [null]}", null, "SMS.1801", "DRS.M00201"),
                new Shape("an optional field null", SMS_OK,
                        "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": \"j\", \"is_show_breakpoint_position\": null}]}",
                        "jobs[0].is_show_breakpoint_position", null, "DRS.M00201"),
                new Shape("duplicate key", "{\"ids\": [\"2\"], \"ids\": [\"1\"]}",
                        "{\"jobs\": [{\"delete_type\": \"delete\", \"delete_type\": \"terminate\", \"job_id\": \"j\"}]}",
                        null, "SMS.1801", "DRS.M00200"),
                // Jackson names these only in its messages (JsonExceptionMapper reads them): pinned here, so that an
                // upgrade that words them otherwise fails the build instead of changing the codes.
                new Shape("a required field missing", SMS_OK, "{\"jobs\": [{\"delete_type\": \"terminate\"}]}",
                        "jobs[0].job_id", null, "DRS.M00201"),
                new Shape("an enum value not in the list", SMS_OK,
                        "{\"jobs\": [{\"delete_type\": \"purge\", \"job_id\": \"j\"}]}", "jobs[0].delete_type", null,
                        "DRS.M00202"),
                new Shape("wrong case of an enum value", SMS_OK,
                        "{\"jobs\": [{\"delete_type\": \"TERMINATE\", \"job_id\": \"j\"}]}", null, null, "DRS.M00202"),
                new Shape("a boolean as a string", SMS_OK,
                        "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": \"j\", \"is_show_breakpoint_position\": \"yes\"}]}",
                        "is_show_breakpoint_position", null, "DRS.M00200"),
                new Shape("a number as a job id", SMS_OK, "{\"jobs\": [{\"delete_type\": \"terminate\", \"job_id\": 1.5}]}",
                        "job_id", null, "DRS.M00200"),
                new Shape("deep nesting", "{\"ids\": " + "[".repeat(2000) + "]".repeat(2000) + "}",
                        "{\"jobs\": " + "[".repeat(2000) + "]".repeat(2000) + "}", null, "SMS.1801", "DRS.M00200"));
    }

    @TestFactory
    Stream<DynamicTest> malformedBodies() {
        return shapes().stream().flatMap(shape -> Stream.of(
                        shape.smsCode() == null ? null : DynamicTest.dynamicTest("SMS " + shape.name(),
                                () -> check(Target.SMS_DELETE, shape.smsBody(), Map.of(), shape.field(), shape.smsCode())),
                        DynamicTest.dynamicTest("DRS " + shape.name(),
                                () -> check(Target.DRS_BATCH, shape.drsBody(), Map.of(), shape.field(), shape.drsCode())))
                .filter(java.util.Objects::nonNull));
    }

    @TestFactory
    Stream<DynamicTest> contentTypes() {
        return Stream.of("text/plain", "application/xml", "application/x-www-form-urlencoded").flatMap(type -> Stream.of(
                DynamicTest.dynamicTest("SMS " + type, () -> check(Target.SMS_DELETE, SMS_OK, Map.of("Content-Type", type),
                        "Content-Type", "SMS.1801")),
                DynamicTest.dynamicTest("DRS " + type, () -> check(Target.DRS_BATCH, DRS_OK, Map.of("Content-Type", type),
                        "Content-Type", "DRS.M00200"))));
    }

    @Test
    void aMissingContentTypeIsNamed() {
        Map<String, String> none = new java.util.HashMap<>();
        none.put("Content-Type", null);
        check(Target.DRS_BATCH, DRS_OK, none, "Content-Type", "DRS.M00200");
    }

    @Test
    void xLanguageOtherThanTheEnumIsRefusedAndErrorsFollowIt() {
        Map<String, String> chinese = Map.of("X-Language", "zh-cn");
        Exchange answer = check(Target.DRS_BATCH, "{\"jobs\": []}", chinese, "jobs", "DRS.M00202");
        assertTrue(answer.errorMsg().matches(".*\\p{IsHan}.*"), answer::toString);
        check(Target.DRS_BATCH, DRS_OK, Map.of("X-Language", "fr-fr"), "X-Language", "DRS.M00202");
        check(Target.DRS_BATCH, DRS_OK, Map.of("X-Language", "EN-US"), "X-Language", "DRS.M00202");
    }

    private static Exchange check(Target target, String body, Map<String, String> headers, String field, String code) {
        STATE.load();
        Map<String, String> before = State.of(STATE);
        Wire request = target.request().token(ALICE_TOKEN).body(body);
        headers.forEach(request::header);
        Exchange answer = request.send();
        assertEquals(400, answer.status(), answer::toString);
        assertEquals(code, answer.errorCode(), answer::toString);
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer::toString);
        if (field != null) {
            assertTrue(answer.errorMsg().contains(field), () -> "the message must name " + field + ": " + answer);
        }
        assertEquals(before, State.of(STATE));
        return answer;
    }

    /** Jersey alone would read an empty number and any word as a boolean; the spec allows neither. */
    @TestFactory
    Stream<DynamicTest> queryValuesOfTheWrongTypeAreRefused() {
        return Stream.of("limit=", "limit", "offset=", "connected=yes", "connected=", "state=", "limit=1.5")
                .map(query -> DynamicTest.dynamicTest(query, () -> {
                    Exchange answer = Wire.to(Contract.SMS, "GET", "/v3/sources?" + query).token(ALICE_TOKEN).send();
                    assertEquals(400, answer.status(), answer::toString);
                    assertEquals("SMS.1801", answer.errorCode(), answer::toString);
                    assertTrue(answer.errorMsg().contains(query.split("=")[0]), answer::toString);
                }));
    }

    @TestFactory
    Stream<DynamicTest> unknownApisAreTheGatewaysJson404() {
        return Stream.of(
                new String[] {"PUT", "/v3/tasks/delete"},
                new String[] {"PATCH", "/v3/tasks"},
                new String[] {"DELETE", "/v3/sources"},
                new String[] {"GET", "/_batchops/nothing"},
                new String[] {"POST", "/v3/tasks/remove"},
                new String[] {"POST", "/v3/" + ALICE_PROJECT + "/jobs/batch-jobs"},
                new String[] {"GET", "/v3/" + ALICE_PROJECT + "/jobs/batch-jobs"},
                new String[] {"DELETE", "/v3/" + ALICE_PROJECT + "/jobs"},
                new String[] {"DELETE", "/v2/" + ALICE_PROJECT + "/jobs/batch-jobs"},
                new String[] {"GET", "/v3/sources/"},
                new String[] {"GET", "/v3/tasks/"},
                new String[] {"DELETE", "/v3//jobs/batch-jobs"},
                new String[] {"GET", "/"}).map(request -> DynamicTest.dynamicTest(request[0] + " " + request[1], () -> {
                    Exchange answer = Wire.to(Contract.SMS, request[0], request[1]).token(ALICE_TOKEN).body(SMS_OK).sendUnchecked();
                    assertEquals(404, answer.status(), answer::toString);
                    assertEquals("application/json", answer.header("Content-Type"));
                    assertEquals("APIGW.0101", answer.errorCode());
                    assertEquals(answer.header("X-Request-Id"), answer.json().get("request_id").asText());
                }));
    }

    @Test
    void healthAndTheSpecsAreServed() throws Exception {
        Exchange health = Wire.to(Contract.SMS, "GET", "/_batchops/health").sendUnchecked();
        assertEquals(200, health.status(), health::toString);
        assertTrue(health.header("X-Request-Id") != null);
        for (String spec : List.of("sms.yaml", "drs.yaml", "iam.yaml", "admin.yaml")) {
            Exchange served = Wire.to(Contract.SMS, "GET", "/openapi/" + spec).sendUnchecked();
            assertEquals(200, served.status(), served::toString);
            Path file = Path.of(System.getProperty("batchops.openapi.dir", "../openapi")).resolve(spec);
            assertEquals(Files.readString(file), served.body(), spec + " is served as written");
        }
        assertEquals(404, Wire.to(Contract.SMS, "GET", "/openapi/other.yaml").sendUnchecked().status());
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        STATE.load();
        String first = Target.SMS_DELETE.request().token(ALICE_TOKEN).body("{}").send().header("X-Request-Id");
        String second = Target.SMS_DELETE.request().token(ALICE_TOKEN).body("{}").send().header("X-Request-Id");
        assertFalse(first.equals(second), "request ids repeat: " + first);
    }
}
