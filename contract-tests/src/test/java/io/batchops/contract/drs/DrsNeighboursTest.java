package io.batchops.contract.drs;

import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static io.batchops.contract.harness.TestServer.BOB_TOKEN;
import static io.batchops.contract.harness.TestServer.DAVE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The DRS operations around the batch stop or delete, on the wire: the batch start and pause against
 * every job status (the expected outcome written from the spec's text), start times, parents,
 * permissions, the batch details with paging, and tenancy.
 */
class DrsNeighboursTest {
    private static final String JOBS = "/v3/" + ALICE_PROJECT + "/jobs";
    /** The spec's statuses a start begins from. */
    private static final Set<JobStatus> CONFIGURED = EnumSet.of(JobStatus.CONFIGURATION, JobStatus.WAITING_FOR_START);
    /** The spec's statuses a pause applies to. */
    private static final Set<JobStatus> TRANSFERRING = EnumSet.of(JobStatus.FULL_TRANSFER_STARTED,
            JobStatus.FULL_TRANSFER_COMPLETE, JobStatus.INCRE_TRANSFER_STARTED, JobStatus.CHILD_TRANSFER_STARTED,
            JobStatus.CHILD_TRANSFER_COMPLETE);
    /** The spec's transitional statuses. */
    private static final Set<JobStatus> TRANSITIONAL = EnumSet.of(JobStatus.CREATING, JobStatus.STARTJOBING,
            JobStatus.RELEASE_RESOURCE_STARTED, JobStatus.REBUILD_NODE_STARTED, JobStatus.CHANGE_JOB_STARTED,
            JobStatus.CHILD_TRANSFER_STARTING, JobStatus.RELEASE_CHILD_TRANSFER_STARTED, JobStatus.NODE_UPGRADE_START);

    private static String expectedError(Set<JobStatus> allowed, JobStatus status) {
        if (status == JobStatus.DELETED) {
            return "DRS.M05004";
        }
        return allowed.contains(status) ? null : TRANSITIONAL.contains(status) ? "DRS.M01504" : "DRS.M00304";
    }

    private static Exchange start(String token, String path, Map<String, Object> entry) {
        return Wire.to(Contract.DRS, "POST", path + "/batch-starting").token(token)
                .body(Map.of("jobs", List.of(entry))).send();
    }

    private static Exchange pause(String token, String path, String jobId) {
        return Wire.to(Contract.DRS, "POST", path + "/batch-pause-task").token(token)
                .body(Map.of("jobs", List.of(Map.of("job_id", jobId, "pause_mode", "target")))).send();
    }

    private static String status(String jobId) {
        return Wire.to(Contract.DRS, "POST", JOBS + "/batch-status").token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of(jobId))).send().json().path("results").path(0).path("status").asText();
    }

    private static String outcome(Exchange answer) {
        assertEquals(202, answer.status(), answer::toString);
        JsonNode result = answer.json().path("results").path(0);
        return result.path("status").asText() + (result.has("error_code") ? " " + result.path("error_code").asText() : "");
    }

    @TestFactory
    Stream<DynamicTest> startAndPauseInEveryStatus() {
        return Stream.of(JobStatus.values()).flatMap(status -> Stream.of(
                DynamicTest.dynamicTest("start " + status, () -> {
                    Seed.jobs(ALICE_PROJECT, status, List.of("j")).load();
                    String error = expectedError(CONFIGURED, status);
                    assertEquals(error == null ? "success" : "failed " + error,
                            outcome(start(ALICE_TOKEN, JOBS, Map.of("job_id", "j"))));
                    assertEquals(error == null ? "FULL_TRANSFER_STARTED" : status.name(), status("j"), "after the start");
                }),
                DynamicTest.dynamicTest("pause " + status, () -> {
                    Seed.jobs(ALICE_PROJECT, status, List.of("j")).load();
                    String error = expectedError(TRANSFERRING, status);
                    assertEquals(error == null ? "success" : "failed " + error, outcome(pause(ALICE_TOKEN, JOBS, "j")));
                    if (error == null) {
                        assertEquals("PAUSING", status("j"));
                    }
                })));
    }

    @Test
    void aStartTimeInTheFutureWaitsAndAStartAgainStartsNow() {
        Seed.jobs(ALICE_PROJECT, JobStatus.CONFIGURATION, List.of("j")).load();
        String later = String.valueOf(System.currentTimeMillis() + 3_600_000);
        assertEquals("success", outcome(start(ALICE_TOKEN, JOBS, Map.of("job_id", "j", "start_time", later))));
        assertEquals("WAITING_FOR_START", status("j"));
        assertEquals("success", outcome(start(ALICE_TOKEN, JOBS, Map.of("job_id", "j", "start_time", ""))));
        assertEquals("FULL_TRANSFER_STARTED", status("j"));
    }

    @Test
    void anIncrementalJobStartsWithItsIncrementalTransfer() {
        Seed.empty().job(new JobFixture().id("j").projectId(ALICE_PROJECT).name("incremental")
                .status(JobStatus.CONFIGURATION).dbUseType(JobFixture.DbUseTypeEnum.SYNC).engineType("mysql")
                .jobDirection(JobFixture.JobDirectionEnum.UP).netType(JobFixture.NetTypeEnum.EIP)
                .taskType(JobFixture.TaskTypeEnum.INCR_TRANS)).load();
        assertEquals("success", outcome(start(ALICE_TOKEN, JOBS, Map.of("job_id", "j"))));
        assertEquals("INCRE_TRANSFER_STARTED", status("j"));
    }

    @Test
    void aParentNeverStartsAndPausesOnlyInTheDualActiveScenario() {
        Seed.empty().job("alone", ALICE_PROJECT, JobStatus.CONFIGURATION, JobFixture.RoleEnum.PARENT, true)
                .job("dual", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, JobFixture.RoleEnum.PARENT, true)
                .job("single", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, JobFixture.RoleEnum.PARENT, false).load();
        assertEquals("failed DRS.M00304", outcome(start(ALICE_TOKEN, JOBS, Map.of("job_id", "alone"))));
        assertEquals("success", outcome(pause(ALICE_TOKEN, JOBS, "dual")));
        assertEquals("failed DRS.M00304", outcome(pause(ALICE_TOKEN, JOBS, "single")));
    }

    @Test
    void eachActionNeedsItsPermission() {
        Seed.jobs(ALICE_PROJECT, JobStatus.CONFIGURATION, List.of("j")).load();
        for (Exchange refused : List.of(start(DAVE_TOKEN, JOBS, Map.of("job_id", "j")), pause(DAVE_TOKEN, JOBS, "j"))) {
            assertEquals(403, refused.status(), refused::toString);
            assertEquals("DRS.M00102", refused.errorCode());
        }
        assertEquals("CONFIGURATION", status("j"));
    }

    @Test
    void detailsArePagedAndAnUnknownJobIsAnsweredInItsPlace() {
        Seed.jobs(ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, List.of("a", "b", "c")).load();
        JsonNode all = Wire.to(Contract.DRS, "POST", JOBS + "/batch-detail").token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of("a", "nope", "c"))).send().json();
        assertEquals(3, all.path("count").asInt());
        assertEquals(List.of("a", "nope", "c"), all.path("results").findValuesAsText("id"));
        assertEquals("DRS.M05003", all.path("results").path(1).path("error_code").asText());
        assertEquals("INCRE_TRANSFER_STARTED", all.path("results").path(2).path("status").asText());
        JsonNode second = Wire.to(Contract.DRS, "POST", JOBS + "/batch-detail").token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of("a", "b", "c"), "page_req", Map.of("cur_page", 2, "per_page", 2))).send().json();
        assertEquals(3, second.path("count").asInt(), "count is the number of jobs named");
        assertEquals(List.of("c"), second.path("results").findValuesAsText("id"));
        JsonNode statuses = Wire.to(Contract.DRS, "POST", JOBS + "/batch-status").token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of("a", "b", "c"), "page_req", Map.of("cur_page", 1, "per_page", 0))).send().json();
        assertEquals(List.of("a", "b", "c"), statuses.path("results").findValuesAsText("id"), "per_page 0: all");
    }

    @Test
    void anotherProjectsJobsAnswerAsUnknownOnesAndChangeNothing() {
        Seed.jobs(ALICE_PROJECT, JobStatus.CONFIGURATION, List.of("j")).load();
        String bobs = "/v3/" + BOB_PROJECT + "/jobs";
        assertEquals("failed DRS.M05003", outcome(start(BOB_TOKEN, bobs, Map.of("job_id", "j"))));
        assertEquals("failed DRS.M05003", outcome(pause(BOB_TOKEN, bobs, "j")));
        JsonNode details = Wire.to(Contract.DRS, "POST", bobs + "/batch-detail").token(BOB_TOKEN)
                .body(Map.of("jobs", List.of("j"))).send().json();
        assertEquals("DRS.M05003", details.path("results").path(0).path("error_code").asText());
        assertTrue(details.path("results").path(0).path("name").isMissingNode(), details::toString);
        assertEquals("CONFIGURATION", status("j"));
    }
}
