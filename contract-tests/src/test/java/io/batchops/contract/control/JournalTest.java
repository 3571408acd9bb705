package io.batchops.contract.control;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Examples;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal at {@code /_batchops/requests} records every request to the service operations as it
 * was received and answered, and nothing that would let a reader act as the caller.
 */
class JournalTest {

    private static JsonNode journal(String query) {
        Exchange listed = Wire.admin("GET", "/_batchops/requests" + query).send();
        assertEquals(200, listed.status(), listed::toString);
        return listed.json();
    }


    @BeforeEach
    void emptyJournal() {
        assertEquals(204, Wire.admin("DELETE", "/_batchops/requests").send().status());
        assertEquals(0, journal("").path("total").asLong());
    }

    @Test
    void aBatchDeleteIsRecordedWithWhoSentItWhatItNamedAndTheAnswer() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1", "t2")).load();
        Exchange deleted = Wire.deleteTasks(ALICE_TOKEN, List.of("t1", "t2"));
        assertEquals(200, deleted.status(), deleted::toString);
        JsonNode entry = journal("").path("requests").path(0);
        assertEquals("deleteTasks", entry.path("operation").asText());
        assertEquals("POST", entry.path("method").asText());
        assertEquals("/v3/tasks/delete", entry.path("path").asText());
        assertEquals("alice", entry.path("principal").asText());
        assertEquals("token", entry.path("auth").asText());
        assertEquals(ALICE_DOMAIN, entry.path("tenant").asText());
        assertEquals("[\"t1\",\"t2\"]", entry.path("ids").toString());
        assertEquals(200, entry.path("status").asInt());
        assertTrue(entry.path("error_code").isMissingNode(), "a success has no error code: " + entry);
        assertEquals(deleted.header("X-Request-Id"), entry.path("request_id").asText());
        assertTrue(entry.path("latency_ms").asDouble() > 0, entry::toString);
        Instant time = Instant.parse(entry.path("time").asText());
        assertTrue(Math.abs(time.toEpochMilli() - System.currentTimeMillis()) < 60_000, "time is now: " + time);
    }

    @Test
    void theSpecsExampleIsWhatTheServerAnswers() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("task-1", "task-2")).load();
        Wire.admin("POST", "/_batchops/faults").body(Map.of("operation", "deleteTasks", "times", 1,
                "response", Map.of("status", 429, "error_code", "APIGW.0308"))).send();
        Wire.deleteTasks(ALICE_TOKEN, List.of("task-1", "task-2"));
        Examples.assertMatches(Contract.ADMIN.responseExample("GET", "/_batchops/requests", 200, "oneBatchDelete"),
                journal(""));
    }

    @Test
    void errorsKeepTheirCodeAndDrsBatchesTheirJobsAndProject() {
        Seed.jobs(ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, List.of("j1", "j2")).load();
        Wire.deleteTasks(ALICE_TOKEN, List.of("nowhere"));
        Wire.to(Contract.DRS, "DELETE", Target.drsPath(ALICE_PROJECT)).token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of(Map.of("delete_type", "terminate", "job_id", "j1"),
                        Map.of("delete_type", "terminate", "job_id", "j2")))).send();
        Wire.to(Contract.SMS, "GET", "/v3/tasks/t9").token(ALICE_TOKEN).send();
        JsonNode requests = journal("").path("requests");
        assertEquals(3, requests.size(), requests::toString);
        assertEquals("SMS.1802", requests.path(0).path("error_code").asText());
        assertEquals(404, requests.path(0).path("status").asInt());
        assertEquals("batchDeleteJobs", requests.path(1).path("operation").asText());
        assertEquals(ALICE_PROJECT, requests.path(1).path("tenant").asText());
        assertEquals("[\"j1\",\"j2\"]", requests.path(1).path("ids").toString());
        assertEquals("showTask", requests.path(2).path("operation").asText());
        assertEquals("[\"t9\"]", requests.path(2).path("ids").toString(), "an id in the path is named too");
        long first = requests.path(0).path("seq").asLong();
        assertEquals(List.of(first, first + 1, first + 2), requests.findValues("seq").stream().map(JsonNode::asLong).toList(),
                "numbered in the order received");
    }

    @Test
    void aRefusedTokenSaysWhyAndTheTokenIsNeverKept() {
        Wire.deleteTasks("not-a-token-of-anyone", List.of("t1"));
        Wire.deleteTasks(BOB_TOKEN, List.of("x"));
        Exchange listed = Wire.admin("GET", "/_batchops/requests").send();
        JsonNode refused = listed.json().path("requests").path(0);
        assertEquals(401, refused.path("status").asInt());
        assertEquals("APIGW.0301", refused.path("error_code").asText());
        assertEquals("token", refused.path("auth").asText());
        assertTrue(refused.path("principal").isMissingNode(), "no one is known: " + refused);
        assertTrue(refused.path("refused").asText().contains("decrypt token fail"), refused::toString);
        assertEquals("[\"t1\"]", refused.path("ids").toString(), "the ids of a body the service never read");
        assertEquals("bob", listed.json().path("requests").path(1).path("principal").asText());
        assertFalse(listed.body().contains("not-a-token-of-anyone"), listed.body());
        assertFalse(listed.body().contains(BOB_TOKEN), listed.body());
    }

    @Test
    void aBadSignatureKeepsWhatTheServerSignedButNeitherSecretNorSignature() throws Exception {
        TestServer.AccessKey wrongSecret = new TestServer.AccessKey(ALICE_KEY.ak(), "not-alices-secret");
        var sms = Sdk.sms(wrongSecret, ALICE_DOMAIN);
        assertThrows(ServiceResponseException.class, () -> sms.listTasks(new ListTasksRequest().withLimit(5).withName("a b")));
        assertThrows(ServiceResponseException.class, () -> sms.deleteTasks(
                new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("t1")))));
        Exchange listed = Wire.admin("GET", "/_batchops/requests").send();
        JsonNode listing = listed.json().path("requests");
        JsonNode list = listing.path(0);
        assertEquals("listTasks", list.path("operation").asText());
        assertEquals("aksk", list.path("auth").asText());
        assertEquals(ALICE_KEY.ak(), list.path("access_key").asText());
        assertEquals("alice", list.path("principal").asText(), "the key's owner, though the signature is wrong");
        assertTrue(list.path("refused").asText().contains("signature"), list::toString);
        String canonical = list.path("signature").path("canonical_request").asText();
        String[] lines = canonical.split("\n", -1);
        assertEquals("GET", lines[0]);
        assertEquals("/v3/tasks/", lines[1]);
        assertEquals("limit=5&name=a%20b", lines[2], "the query as the server canonicalised it");
        String[] toSign = list.path("signature").path("string_to_sign").asText().split("\n");
        assertEquals("SDK-HMAC-SHA256", toSign[0]);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8))), toSign[2], "it signs the canonical request shown");
        assertEquals("[\"t1\"]", listing.path(1).path("ids").toString());
        assertFalse(listed.body().contains(ALICE_KEY.sk()), "the secret key is never kept");
        assertFalse(listed.body().contains("not-alices-secret"));
        assertFalse(listed.body().contains("Signature="), "nor the signature sent");
    }

    @Test
    void theFaultThatAnsweredIsNamedAndADroppedConnectionHasNoStatus() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        String throttle = Wire.admin("POST", "/_batchops/faults").body(Map.of("operation", "deleteTasks", "times", 1,
                "response", Map.of("status", 429, "error_code", "APIGW.0308"))).send().json().path("id").asText();
        // A POST: the JDK's client sends a GET again on its own when the connection drops.
        String drop = Wire.admin("POST", "/_batchops/faults").body(Map.of("operation", "deleteTasks", "after", 1, "times", 1,
                "drop_connection", true)).send().json().path("id").asText();
        Wire.deleteTasks(ALICE_TOKEN, List.of("t1"));
        Wire.deleteTasks(ALICE_TOKEN, List.of("t1"));
        assertThrows(UncheckedIOException.class, () -> Wire.to(Contract.SMS, "POST", "/v3/tasks/delete")
                .token(ALICE_TOKEN).body(Map.of("ids", List.of("t1"))).sendUnchecked());
        JsonNode requests = journal("").path("requests");
        assertEquals(throttle, requests.path(0).path("fault").asText());
        assertEquals(429, requests.path(0).path("status").asInt());
        assertTrue(requests.path(1).path("fault").isMissingNode(), "the retry was served for real");
        assertEquals(200, requests.path(1).path("status").asInt());
        assertEquals(drop, requests.path(2).path("fault").asText());
        assertTrue(requests.path(2).path("status").isMissingNode(), "no answer was sent: " + requests.path(2));
    }

    @Test
    void listingsFilterByOperationStatusAndTimeAndStopAtTheLimit() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1", "t2", "t3")).load();
        Wire.deleteTasks(ALICE_TOKEN, List.of("t1"));
        Wire.to(Contract.SMS, "GET", "/v3/tasks").token(ALICE_TOKEN).send();
        Wire.deleteTasks(ALICE_TOKEN, List.of("t1"));
        String secondDelete = journal("").path("requests").path(2).path("time").asText();
        Wire.deleteTasks(ALICE_TOKEN, List.of("t2"));
        assertEquals(3, journal("?operation=deleteTasks").path("requests").size());
        assertEquals(4, journal("?operation=deleteTasks").path("total").asInt(), "total counts every request held");
        assertEquals("[\"t1\"]", journal("?status=404").path("requests").path(0).path("ids").toString());
        assertEquals(1, journal("?status=404").path("requests").size());
        assertEquals(2, journal("?operation=deleteTasks&since=" + secondDelete).path("requests").size());
        JsonNode first = journal("?operation=deleteTasks&limit=1").path("requests");
        assertEquals(1, first.size());
        assertEquals("[\"t1\"]", first.path(0).path("ids").toString(), "oldest first");
        assertEquals(400, Wire.admin("GET", "/_batchops/requests?operation=nothing").send().status());
        assertEquals(400, Wire.admin("GET", "/_batchops/requests?since=yesterday").send().status());
        assertEquals(400, Wire.admin("GET", "/_batchops/requests?limit=0").send().status());
    }

    @Test
    void theControlApiAndUnknownPathsAreNotRecordedAndTenantsCannotReadIt() {
        Wire.admin("GET", "/_batchops/faults").send();
        Wire.to(Contract.SMS, "GET", "/v3/no-such-api").token(ALICE_TOKEN).sendUnchecked();
        assertEquals(0, journal("").path("total").asInt());
        Exchange tenant = Wire.to(Contract.ADMIN, "GET", "/_batchops/requests").token(ALICE_TOKEN).send();
        assertEquals(401, tenant.status(), "a tenant's token does not open the journal");
        assertEquals(10_000, journal("").path("capacity").asInt(), "the default size");
        assertEquals(0, journal("").path("dropped").asInt());
    }
}
