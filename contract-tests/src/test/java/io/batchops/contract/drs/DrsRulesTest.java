package io.batchops.contract.drs;

import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The DRS rules of the spec's operation description, per job: every {@code delete_type} against every
 * job status, alone and in mixed batches, then the rules across entries and requests. The expected
 * outcome comes from the oracle below, written from the spec's text, not from the server's code.
 */
class DrsRulesTest {
    private static final List<String> TYPES = List.of("terminate", "force_terminate", "delete");

    /** The spec's statuses in which {@code terminate} stops a job. */
    private static final Set<JobStatus> RUNNING = EnumSet.of(JobStatus.CONFIGURATION, JobStatus.WAITING_FOR_START,
            JobStatus.PAUSING,
            JobStatus.FULL_TRANSFER_STARTED, JobStatus.FULL_TRANSFER_COMPLETE, JobStatus.INCRE_TRANSFER_STARTED,
            JobStatus.CHILD_TRANSFER_STARTED, JobStatus.CHILD_TRANSFER_COMPLETE, JobStatus.NODE_UPGRADE_COMPLETE);
    /** The spec's transitional statuses: terminate and delete answer DRS.M01504. */
    private static final Set<JobStatus> TRANSITIONAL = EnumSet.of(JobStatus.CREATING, JobStatus.STARTJOBING,
            JobStatus.RELEASE_RESOURCE_STARTED, JobStatus.REBUILD_NODE_STARTED,
            JobStatus.CHANGE_JOB_STARTED, JobStatus.CHILD_TRANSFER_STARTING, JobStatus.RELEASE_CHILD_TRANSFER_STARTED,
            JobStatus.NODE_UPGRADE_START);
    /** The seed page's statuses in which a job can be deleted. */
    private static final Set<JobStatus> DELETABLE = EnumSet.of(JobStatus.CREATE_FAILED,
            JobStatus.RELEASE_RESOURCE_COMPLETE, JobStatus.RELEASE_CHILD_TRANSFER_COMPLETE);
    private static final Set<JobStatus> RELEASED = EnumSet.of(JobStatus.RELEASE_RESOURCE_COMPLETE,
            JobStatus.RELEASE_CHILD_TRANSFER_COMPLETE);

    /** What the spec says one entry on a standalone job gets: null for success, else the error code. */
    private static String expectedError(String type, JobStatus status) {
        if (status == JobStatus.DELETED) {
            return "DRS.M05004";
        }
        return switch (type) {
            case "terminate" -> RUNNING.contains(status) ? null : TRANSITIONAL.contains(status) ? "DRS.M01504" : "DRS.M00304";
            case "force_terminate" -> RELEASED.contains(status) ? "DRS.M00304" : null;
            case "delete" -> DELETABLE.contains(status) ? null : TRANSITIONAL.contains(status) ? "DRS.M01504" : "DRS.M00304";
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** The status a standalone job is left in by a successful entry, as the next request sees it. */
    private static JobStatus settledAfter(String type) {
        return "delete".equals(type) ? JobStatus.DELETED : JobStatus.RELEASE_RESOURCE_COMPLETE;
    }

    private static Exchange batch(String token, String project, List<Map<String, Object>> jobs) {
        return Target.DRS_BATCH.request(Target.drsPath(project)).token(token).body(Map.of("jobs", jobs)).send();
    }

    private static Exchange batch(List<Map<String, Object>> jobs) {
        return batch(ALICE_TOKEN, ALICE_PROJECT, jobs);
    }

    private static Map<String, Object> entry(String type, String jobId) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("delete_type", type);
        entry.put("job_id", jobId);
        return entry;
    }

    /** Each result as "id:success" or "id:ERROR_CODE", after checking the answer's shape. */
    private static List<String> outcomes(Exchange answer) {
        assertEquals(202, answer.status(), answer::toString);
        JsonNode results = answer.json().get("results");
        assertEquals(results.size(), answer.json().get("count").asInt(), "count is the number of results");
        List<String> outcomes = new ArrayList<>();
        results.forEach(result -> {
            String status = result.get("status").asText();
            if ("success".equals(status)) {
                assertTrue(!result.has("error_code") && !result.has("error_msg"), result::toString);
                outcomes.add(result.get("id").asText() + ":success");
            } else {
                assertEquals("failed", status, result::toString);
                assertTrue(!result.path("error_msg").asText().isEmpty(), result::toString);
                outcomes.add(result.get("id").asText() + ":" + result.get("error_code").asText());
            }
        });
        return outcomes;
    }

    private static String outcome(String jobId, String error) {
        return jobId + ":" + (error == null ? "success" : error);
    }

    @TestFactory
    Stream<DynamicTest> everyDeleteTypeAgainstEveryStatus() {
        return TYPES.stream().flatMap(type -> Stream.of(JobStatus.values()).map(status ->
                DynamicTest.dynamicTest(type + " on " + status, () -> {
                    Seed.empty().job("j", ALICE_PROJECT, status).load();
                    String error = expectedError(type, status);
                    assertEquals(List.of(outcome("j", error)), outcomes(batch(List.of(entry(type, "j")))));
                    JobStatus next = State.jobStatus(ALICE_PROJECT, "j").orElseThrow();
                    if (error != null) {
                        assertEquals(status, next, "a refused entry changes nothing");
                    } else if (!"delete".equals(type)) {
                        assertEquals(JobStatus.RELEASE_RESOURCE_STARTED, next, "a stopped job releases its resources");
                    } else {
                        assertEquals(JobStatus.DELETED, next);
                    }
                })));
    }

    /** One batch per type holding a job in every status: each entry is decided on its own, in order. */
    @TestFactory
    Stream<DynamicTest> mixedBatches() {
        return TYPES.stream().map(type -> DynamicTest.dynamicTest(type + " on every status at once", () -> {
            Seed seed = Seed.empty();
            List<Map<String, Object>> jobs = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            // Reverse order, so that a server answering in its own order fails.
            List<JobStatus> statuses = new ArrayList<>(List.of(JobStatus.values()));
            java.util.Collections.reverse(statuses);
            for (JobStatus status : statuses) {
                String id = "job-" + status.name().toLowerCase();
                seed.job(id, ALICE_PROJECT, status);
                jobs.add(entry(type, id));
                expected.add(outcome(id, expectedError(type, status)));
            }
            jobs.add(entry(type, "no-such-job"));
            expected.add(outcome("no-such-job", "DRS.M05003"));
            seed.load();
            assertEquals(expected, outcomes(batch(jobs)));
            for (JobStatus status : statuses) {
                JobStatus now = State.jobStatus(ALICE_PROJECT, "job-" + status.name().toLowerCase()).orElseThrow();
                JobStatus expectedNow = expectedError(type, status) != null ? status
                        : "delete".equals(type) ? JobStatus.DELETED : JobStatus.RELEASE_RESOURCE_STARTED;
                assertEquals(expectedNow, now, "the job that was " + status);
            }
        }));
    }

    @Test
    void aBatchMixingTypesAndJobs() {
        Seed.empty()
                .job("running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("failed", ALICE_PROJECT, JobStatus.FULL_TRANSFER_FAILED)
                .job("released", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE)
                .job("creating", ALICE_PROJECT, JobStatus.CREATING)
                .load();
        List<String> outcomes = outcomes(batch(List.of(
                entry("delete", "running"),
                entry("terminate", "failed"),
                entry("force_terminate", "failed"),
                entry("delete", "released"),
                entry("terminate", "running"),
                entry("delete", "creating"),
                entry("force_terminate", "creating"))));
        assertEquals(List.of("running:DRS.M00304", "failed:DRS.M00304", "failed:success", "released:success",
                "running:success", "creating:DRS.M01504", "creating:success"), outcomes);
    }

    @Test
    void aJobNamedTwiceInOneBatchIsBusyTheSecondTime() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).load();
        assertEquals(List.of("j:success", "j:DRS.M01504", "j:DRS.M01504"),
                outcomes(batch(List.of(entry("terminate", "j"), entry("terminate", "j"), entry("delete", "j")))));
        assertEquals(JobStatus.RELEASE_RESOURCE_STARTED, State.jobStatus(ALICE_PROJECT, "j").orElseThrow());
    }

    @Test
    void aStoppedJobIsReleasedByTheNextRequestThenDeletedThenGone() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.FULL_TRANSFER_STARTED).load();
        assertEquals(List.of("j:success"), outcomes(batch(List.of(entry("terminate", "j")))));
        assertEquals(List.of("j:success"), outcomes(batch(List.of(entry("delete", "j")))));
        assertEquals(settledAfter("delete"), State.jobStatus(ALICE_PROJECT, "j").orElseThrow());
        assertEquals(List.of("j:DRS.M05004", "j:DRS.M05004", "j:DRS.M05004"), outcomes(batch(List.of(
                entry("delete", "j"), entry("terminate", "j"), entry("force_terminate", "j")))));
    }

    @Test
    void forceTerminateThenTerminateOnTheReleasedJobIsRefused() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_FAILED).load();
        assertEquals(List.of("j:success"), outcomes(batch(List.of(entry("force_terminate", "j")))));
        assertEquals(List.of("j:DRS.M00304", "j:DRS.M00304"),
                outcomes(batch(List.of(entry("terminate", "j"), entry("force_terminate", "j")))));
        assertEquals(settledAfter("force_terminate"), State.jobStatus(ALICE_PROJECT, "j").orElseThrow());
    }

    /** The seed's constraint: a parent job may be stopped or deleted only in the dual-active DR scenario. */
    @Test
    void aParentJobOutsideDualActiveIsRefusedWhateverItsStatus() {
        Seed.empty()
                .job("parent", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, JobFixture.RoleEnum.PARENT, false)
                .job("released-parent", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE, JobFixture.RoleEnum.PARENT, false)
                .job("dr-parent", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, JobFixture.RoleEnum.PARENT, true)
                .load();
        assertEquals(List.of("parent:DRS.M00304", "parent:DRS.M00304", "released-parent:DRS.M00304",
                "dr-parent:success"), outcomes(batch(List.of(entry("terminate", "parent"), entry("force_terminate", "parent"),
                entry("delete", "released-parent"), entry("terminate", "dr-parent")))));
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "parent").orElseThrow());
    }

    @Test
    void aChildJobReleasesItsChildTransferThenCanBeDeleted() {
        Seed.empty().job("child", ALICE_PROJECT, JobStatus.CHILD_TRANSFER_STARTED, JobFixture.RoleEnum.CHILD, true).load();
        assertEquals(List.of("child:success"), outcomes(batch(List.of(entry("terminate", "child")))));
        assertEquals(JobStatus.RELEASE_CHILD_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "child").orElseThrow());
        assertEquals(List.of("child:success"), outcomes(batch(List.of(entry("delete", "child")))));
        assertEquals(JobStatus.DELETED, State.jobStatus(ALICE_PROJECT, "child").orElseThrow());
    }

    /** Bob's job, named on Alice's project, is a job that does not exist there, and stays as it was. */
    @Test
    void anotherProjectsJobIsUnknown() {
        Seed.empty().job("bobs", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("shared-id", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("shared-id", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .load();
        Exchange answer = batch(List.of(entry("terminate", "bobs"), entry("terminate", "never-was"), entry("terminate", "shared-id")));
        assertEquals(List.of("bobs:DRS.M05003", "never-was:DRS.M05003", "shared-id:success"), outcomes(answer));
        JsonNode results = answer.json().get("results");
        assertEquals(results.get(1).get("error_msg"), results.get(0).get("error_msg"));
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(BOB_PROJECT, "bobs").orElseThrow());
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(BOB_PROJECT, "shared-id").orElseThrow());
    }

    @Test
    void perJobMessagesFollowXLanguage() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.CREATING).load();
        Exchange chinese = Target.DRS_BATCH.request().token(ALICE_TOKEN).header("X-Language", "zh-cn")
                .body(Map.of("jobs", List.of(entry("terminate", "j"), entry("terminate", "none")))).send();
        assertEquals(List.of("j:DRS.M01504", "none:DRS.M05003"), outcomes(chinese));
        chinese.json().get("results").forEach(result ->
                assertTrue(result.get("error_msg").asText().matches(".*\\p{IsHan}.*"), result::toString));
    }

    @Test
    void theSdkFlagIsAccepted() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).load();
        Map<String, Object> entry = entry("terminate", "j");
        entry.put("is_show_breakpoint_position", true);
        assertEquals(List.of("j:success"), outcomes(batch(List.of(entry))));
    }

    /** Two requests racing to stop the same job: exactly one succeeds on it. */
    @Test
    void concurrentStopsOfOneJobSucceedOnce() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                Seed.empty().job("contested", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).load();
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<List<String>>> racers = Stream.of(1, 2).map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return outcomes(batch(List.of(entry("terminate", "contested"))));
                }, pool)).toList();
                start.countDown();
                List<String> results = racers.stream().flatMap(racer -> racer.join().stream()).sorted().toList();
                // The loser comes second: the winner's stop has completed, so the job is no longer running.
                assertEquals(List.of("contested:DRS.M00304", "contested:success"), results, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
