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
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import io.swagger.v3.oas.models.media.Schema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected through the control API make the services fail the way the cloud does, for the
 * requests their rules match, and change no state; everything else is served for real.
 */
class FaultsTest {

    private static JsonNode addFault(Object rule) {
        Exchange added = Wire.admin("POST", "/_batchops/faults").body(rule).send();
        assertEquals(201, added.status(), added::toString);
        return added.json();
    }


    @AfterEach
    void noFaults() {
        assertEquals(204, Wire.admin("DELETE", "/_batchops/faults").send().status());
    }

    @Test
    void theIssuesExampleThrottlesTheNextBatchDeleteOnly() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1", "t2")).load();
        addFault(Exchange.MAPPER.createObjectNode().put("operation", "deleteTasks").put("times", 1)
                .set("response", Exchange.MAPPER.createObjectNode().put("status", 429).put("error_code", "APIGW.0308")));
        Exchange throttled = Wire.deleteTasks(ALICE_TOKEN, List.of("t1"));
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("APIGW.0308", throttled.errorCode());
        assertEquals("The request is throttled", throttled.errorMsg());
        assertEquals("1", throttled.header("Retry-After"));
        assertTrue(State.taskExists(ALICE_DOMAIN, "t1"), "a faulted request changes nothing");
        assertEquals(200, Wire.deleteTasks(ALICE_TOKEN, List.of("t1")).status());
        assertFalse(State.taskExists(ALICE_DOMAIN, "t1"));
        assertEquals(1, Wire.admin("GET", "/_batchops/faults").send().json().path("faults").path(0).path("fired").asInt());
    }

    @Test
    void theOfficialSdkSeesTheThrottleAsTheCloudsAnswer() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        addFault(Map.of("operation", "deleteTasks", "times", 1,
                "response", Map.of("status", 429, "error_code", "APIGW.0308", "retry_after", 2)));
        var sms = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        DeleteTasksRequest request = new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("t1")));
        ServiceResponseException throttled = assertThrows(ServiceResponseException.class, () -> sms.deleteTasks(request));
        assertEquals(429, throttled.getHttpStatusCode());
        assertEquals("APIGW.0308", throttled.getErrorCode());
        assertEquals(200, sms.deleteTasks(request).getHttpStatusCode(), "a retry is served");
    }

    @Test
    void afterTimesAndTheServicesOwnCodes() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("a", "b", "c", "d")).load();
        addFault(Map.of("operation", "deleteTasks", "after", 1, "times", 2,
                "response", Map.of("status", 500, "error_code", "SMS.2007", "error_msg", "Background exception")));
        List<Integer> statuses = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            statuses.add(Wire.deleteTasks(ALICE_TOKEN, List.of(id)).status());
        }
        assertEquals(List.of(200, 500, 500, 200), statuses);
        Exchange failed = Wire.deleteTasks(ALICE_TOKEN, List.of("b"));
        assertEquals(200, failed.status(), "the rule is spent: " + failed);
    }

    @Test
    void aProbabilityDrawsFromItsSeedSoARunRepeats() {
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            addFault(Map.of("operation", "listTasks", "probability", 0.5, "seed", 42,
                    "response", Map.of("status", 503, "error_code", "SMS.2007")));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(Wire.to(Contract.SMS, "GET", "/v3/tasks").token(ALICE_TOKEN).sendUnchecked().status());
            }
            runs.add(statuses);
            Wire.admin("DELETE", "/_batchops/faults").send();
        }
        assertEquals(runs.get(0), runs.get(1));
        assertTrue(runs.get(0).contains(503) && runs.get(0).contains(200), runs::toString);
    }

    @Test
    void aRuleAimsAtAPrincipalATenantAndIds() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1", "t2", "t3")).load();
        addFault(Map.of("operation", "deleteTasks", "ids", List.of("t2"), "principal", "alice",
                "response", Map.of("status", 500, "error_code", "SMS.2007")));
        addFault(Map.of("operation", "deleteTasks", "tenant", TestServer.BOB_DOMAIN,
                "response", Map.of("status", 403, "error_code", "SMS.9004")));
        assertEquals(200, Wire.deleteTasks(ALICE_TOKEN, List.of("t1")).status(), "names no aimed id");
        assertEquals(500, Wire.deleteTasks(ALICE_TOKEN, List.of("t3", "t2")).status());
        assertEquals("SMS.9004", Wire.deleteTasks(BOB_TOKEN, List.of("x")).errorCode(), "Bob's domain");
        assertEquals(404, Wire.to(Contract.SMS, "DELETE", "/v3/tasks/t1").token(ALICE_TOKEN).send().status(),
                "another operation is not aimed at");
    }

    @Test
    void aDrsBatchFailsOnlyTheNamedJobsAndTheRestProceeds() {
        Seed.jobs(ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, List.of("j1", "j2")).load();
        addFault(Map.of("operation", "batchDeleteJobs", "ids", List.of("j2"),
                "failed_jobs", Map.of("error_code", "DRS.M01504")));
        Exchange batch = Wire.to(Contract.DRS, "DELETE", Target.drsPath(ALICE_PROJECT)).token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of(Map.of("delete_type", "terminate", "job_id", "j1"),
                        Map.of("delete_type", "terminate", "job_id", "j2")))).send();
        assertEquals(202, batch.status(), batch::toString);
        assertEquals("success", batch.json().path("results").path(0).path("status").asText());
        assertEquals("DRS.M01504", batch.json().path("results").path(1).path("error_code").asText());
        assertTrue(batch.json().path("results").path(1).path("error_msg").asText().startsWith("Another operation"));
        assertEquals(JobStatus.RELEASE_RESOURCE_STARTED, State.jobStatus(ALICE_PROJECT, "j1").orElseThrow());
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "j2").orElseThrow());
    }

    @Test
    void latencyDelaysAnAnswerThatIsOtherwiseServed() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        addFault(Map.of("operation", "deleteTasks", "latency_ms", 300));
        long began = System.nanoTime();
        assertEquals(200, Wire.deleteTasks(ALICE_TOKEN, List.of("t1")).status());
        assertTrue(System.nanoTime() - began >= 300_000_000L, "answered too soon");
        assertFalse(State.taskExists(ALICE_DOMAIN, "t1"));
    }

    @Test
    void aDroppedConnectionGetsNoAnswerAndChangesNothing() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        addFault(Map.of("operation", "deleteTasks", "times", 1, "drop_connection", true));
        assertThrows(UncheckedIOException.class, () -> Wire.to(Contract.SMS, "POST", "/v3/tasks/delete")
                .token(ALICE_TOKEN).body(Map.of("ids", List.of("t1"))).sendUnchecked());
        assertTrue(State.taskExists(ALICE_DOMAIN, "t1"));
        assertEquals(200, Wire.deleteTasks(ALICE_TOKEN, List.of("t1")).status());
    }

    @Test
    void rulesAreListedRemovedOneByOneAndRefusedWhenTheyCannotBeFaults() {
        String first = addFault(Map.of("operation", "listJobs", "latency_ms", 1)).path("id").asText();
        addFault(Map.of("operation", "listTasks"));
        assertEquals(2, Wire.admin("GET", "/_batchops/faults").send().json().path("faults").size());
        assertEquals(204, Wire.admin("DELETE", "/_batchops/faults/" + first).send().status());
        assertEquals(List.of("listTasks"), Wire.admin("GET", "/_batchops/faults").send().json().path("faults")
                .findValuesAsText("operation"));
        Exchange gone = Wire.admin("DELETE", "/_batchops/faults/" + first).send();
        assertEquals(404, gone.status());
        assertEquals("BATCHOPS.0404", gone.errorCode());
        for (Object bad : List.of(Map.of("operation", "noSuchOperation"),
                Map.of("operation", "deleteTasks", "response", Map.of("status", 500, "error_code", "NOPE.1")),
                Map.of("operation", "deleteTasks", "ids", List.of("t"), "failed_jobs", Map.of("error_code", "DRS.M01504")),
                Map.of("operation", "batchDeleteJobs", "failed_jobs", Map.of("error_code", "DRS.M01504")),
                Map.of("operation", "batchDeleteJobs", "ids", List.of("j"), "failed_jobs", Map.of("error_code", "SMS.2007")))) {
            Exchange refused = Wire.admin("POST", "/_batchops/faults").body(bad).send();
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("BATCHOPS.0400", refused.errorCode());
        }
    }

    /** The rule's operation list is the services' operationIds: a copy, kept equal here. */
    @Test
    void theOperationsAFaultNamesAreTheServicesOperationIds() {
        TreeSet<String> operationIds = new TreeSet<>();
        for (Contract contract : List.of(Contract.SMS, Contract.DRS, Contract.IAM)) {
            contract.api().getPaths().values().forEach(item -> item.readOperations()
                    .forEach(operation -> operationIds.add(operation.getOperationId())));
        }
        Schema<?> operation = (Schema<?>) Contract.ADMIN.api().getComponents().getSchemas().get("FaultRule")
                .getProperties().get("operation");
        assertEquals(operationIds, new TreeSet<>(operation.getEnum().stream().map(String::valueOf).toList()));
    }
}
