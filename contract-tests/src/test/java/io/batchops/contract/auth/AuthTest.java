package io.batchops.contract.auth;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static io.batchops.contract.harness.TestServer.BOB_TOKEN;
import static io.batchops.contract.harness.TestServer.CAROL_TOKEN;
import static io.batchops.contract.harness.TestServer.DAVE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Who gets in: the gateway's token check, the project in the DRS path, and each principal's actions. */
class AuthTest {
    private static final Seed STATE = Seed.deletableTasks(ALICE_DOMAIN, List.of("1"))
            .job("running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
            .job("released", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE)
            .job("bobs", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED);

    private static Wire sms(String token) {
        return Target.SMS_DELETE.request().token(token).body(Map.of("ids", List.of("1")));
    }

    private static Wire drs(String token, String project, String type, String job) {
        return Target.DRS_BATCH.request(Target.drsPath(project)).token(token)
                .body(Map.of("jobs", List.of(Map.of("delete_type", type, "job_id", job))));
    }

    /**
     * A token the gateway refuses: 401 APIGW.0301 whose request_id is the response's X-Request-Id,
     * checked before the body is read (so a bad body does not change the answer), nothing changed.
     */
    @TestFactory
    Stream<DynamicTest> refusedTokens() {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("missing", null);
        tokens.put("empty", "");
        tokens.put("unknown", "no-such-token");
        tokens.put("oversized", "L".repeat(16385));
        tokens.put("a known token in other case", ALICE_TOKEN.toUpperCase(java.util.Locale.ROOT));
        return tokens.entrySet().stream().flatMap(token -> Stream.of(
                sms(token.getValue()),
                sms(token.getValue()).body("{not json"),
                drs(token.getValue(), ALICE_PROJECT, "terminate", "running"),
                drs(token.getValue(), ALICE_PROJECT, "terminate", "running").body("{\"jobs\": 5}"))
                .map(request -> DynamicTest.dynamicTest(token.getKey(), () -> {
                    STATE.load();
                    Map<String, String> before = State.of(STATE);
                    Exchange answer = request.send();
                    assertEquals(401, answer.status(), answer::toString);
                    assertEquals("APIGW.0301", answer.errorCode());
                    assertTrue(answer.errorMsg().startsWith("Incorrect IAM authentication information"), answer::toString);
                    assertEquals(answer.header("X-Request-Id"), answer.json().get("request_id").asText());
                    assertEquals(before, State.of(STATE));
                })));
    }

    @Test
    void aProjectThatIsNotTheCallersIsForbiddenWhetherItExistsOrNot() {
        STATE.load();
        for (String project : List.of(BOB_PROJECT, "0a1b2c3d4e5f60718293a4b5c6d7e8f9")) {
            Exchange answer = drs(ALICE_TOKEN, project, "terminate", "bobs").send();
            assertEquals(403, answer.status(), answer::toString);
            assertEquals("DRS.M00261", answer.errorCode());
            assertEquals("Invalid project ID: " + project, answer.errorMsg());
        }
        Exchange bob = drs(BOB_TOKEN, ALICE_PROJECT, "terminate", "running").send();
        assertEquals(403, bob.status(), bob::toString);
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(BOB_PROJECT, "bobs").orElseThrow());
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "running").orElseThrow());
    }

    /** Carol is in Alice's account but may do nothing: the seed's SMS.9004 body. */
    @Test
    void aPrincipalWithoutTheSmsActionGetsTheSeedsPermissionBody() throws Exception {
        STATE.load();
        Exchange answer = sms(CAROL_TOKEN).send();
        assertEquals(403, answer.status(), answer::toString);
        assertEquals("SMS.9004", answer.errorCode());
        String sentence = "You do not have permission to perform action sms:task:delete on resource sms::"
                + ALICE_DOMAIN + ":task:*.";
        assertEquals("The current account does not have the permission to execute policy. " + sentence, answer.errorMsg());
        assertEquals(sentence, answer.json().get("error_param").get(0).asText());
        assertEquals("SMS.9004", answer.json().get("details").get(0).get("error_code").asText());
        String authorization = new String(Base64.getDecoder().decode(
                answer.json().get("encoded_authorization_message").asText()), StandardCharsets.UTF_8);
        assertTrue(authorization.contains("sms:task:delete"), authorization);
        assertTrue(State.taskExists(ALICE_DOMAIN, "1"));
    }

    /** Dave may stop jobs but not delete them: a batch that needs a missing action is refused whole. */
    @Test
    void drsActionsAreCheckedForTheWholeBatch() {
        STATE.load();
        Exchange delete = drs(DAVE_TOKEN, ALICE_PROJECT, "delete", "released").send();
        assertEquals(403, delete.status(), delete::toString);
        assertEquals("DRS.M00102", delete.errorCode());
        assertTrue(delete.errorMsg().contains("drs:job:delete"), delete::toString);

        Exchange mixed = Target.DRS_BATCH.request().token(DAVE_TOKEN).body(Map.of("jobs", List.of(
                Map.of("delete_type", "terminate", "job_id", "running"),
                Map.of("delete_type", "delete", "job_id", "released")))).send();
        assertEquals(403, mixed.status(), mixed::toString);
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "running").orElseThrow());

        Exchange stop = drs(DAVE_TOKEN, ALICE_PROJECT, "terminate", "running").send();
        assertEquals(202, stop.status(), stop::toString);
        assertEquals("success", stop.json().get("results").get(0).get("status").asText());

        Exchange carol = drs(CAROL_TOKEN, ALICE_PROJECT, "force_terminate", "running").send();
        assertEquals(403, carol.status(), carol::toString);
        assertEquals("DRS.M00102", carol.errorCode());
    }

    @Test
    void everyTokenOfAPrincipalWorks() {
        for (String token : List.of(ALICE_TOKEN, TestServer.SHORTEST_TOKEN, TestServer.LONGEST_TOKEN)) {
            STATE.load();
            assertEquals(200, sms(token).send().status());
            assertEquals(202, drs(token, ALICE_PROJECT, "terminate", "running").send().status());
        }
    }
}
