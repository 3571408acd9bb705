package io.batchops.contract.drs;

import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deleted job is kept for the server's retention (a batch naming it gets DRS.M05004, queries find it
 * DELETED), then it is gone (DRS.M05003, absent from the state): drs.yaml's rule, reached by moving the
 * control clock. The retention is read from the server, so the suite runs against any configuration
 * that keeps deleted jobs a minute or more.
 */
class DeletedJobsTest {
    private static final String JOBS = "/v3/" + ALICE_PROJECT + "/jobs";

    private long retentionSeconds;

    @BeforeEach
    void readTheRetention() {
        Exchange clock = Wire.admin("GET", "/_batchops/clock").send();
        assertEquals(200, clock.status(), clock::toString);
        retentionSeconds = clock.json().path("deleted_job_retention_seconds").asLong(-1);
        assertTrue(retentionSeconds >= 0, "the clock says how long deleted jobs are kept: " + clock.body());
        Assumptions.assumeTrue(retentionSeconds >= 60, "this server keeps deleted jobs under a minute: " + retentionSeconds + " s");
    }

    @AfterEach
    void clockBack() {
        TestServer.setClock(0);
    }

    private static String delete(String jobId) {
        Exchange answer = Target.DRS_BATCH.request(Target.drsPath(ALICE_PROJECT)).token(ALICE_TOKEN)
                .body(Map.of("jobs", List.of(Map.of("delete_type", "delete", "job_id", jobId)))).send();
        assertEquals(202, answer.status(), answer::toString);
        JsonNode result = answer.json().path("results").path(0);
        return result.path("status").asText() + (result.has("error_code") ? " " + result.path("error_code").asText() : "");
    }

    /** What batch-status and batch-detail say of the job: its status, or their error code. */
    private static List<String> queried(String jobId) {
        return List.of("batch-status", "batch-detail").stream().map(query -> {
            Exchange answer = Wire.to(Contract.DRS, "POST", JOBS + "/" + query).token(ALICE_TOKEN)
                    .body(Map.of("jobs", List.of(jobId))).send();
            assertEquals(200, answer.status(), answer::toString);
            JsonNode result = answer.json().path("results").path(0);
            return query + " " + (result.has("error_code") ? result.path("error_code").asText() : result.path("status").asText());
        }).toList();
    }

    private static Optional<JsonNode> exported(String jobId) {
        for (JsonNode job : State.export().path("drs").path("jobs")) {
            if (ALICE_PROJECT.equals(job.path("project_id").asText()) && jobId.equals(job.path("id").asText())) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    @Test
    void aDeletedJobIsKeptForTheRetentionThenGoneForGood() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE)
                .job("live", ALICE_PROJECT, JobStatus.CONFIGURATION).load();
        long before = System.currentTimeMillis();
        assertEquals("success", delete("j"));
        long after = System.currentTimeMillis();
        long deletedAt = exported("j").orElseThrow().path("delete_time").asLong();
        assertTrue(deletedAt >= before - 1000 && deletedAt <= after + 1000, "dated when deleted: " + deletedAt);

        assertEquals("failed DRS.M05004", delete("j"));
        assertEquals(List.of("batch-status DELETED", "batch-detail DELETED"), queried("j"));

        TestServer.setClock(retentionSeconds - 30);
        assertEquals("failed DRS.M05004", delete("j"), "still kept, just before its time");

        TestServer.setClock(retentionSeconds + 30);
        assertTrue(exported("j").isEmpty(), "moving the clock past it forgets it at once, unread");
        assertEquals("failed DRS.M05003", delete("j"));
        assertEquals(List.of("batch-status DRS.M05003", "batch-detail DRS.M05003"), queried("j"));
        assertEquals("CONFIGURATION", exported("live").orElseThrow().path("status").asText(), "a job not deleted stays");

        TestServer.setClock(0);
        assertEquals("failed DRS.M05003", delete("j"), "setting the clock back does not bring it back");
    }

    @Test
    void eachDeletedJobIsKeptFromItsOwnDeletion() {
        Seed.empty().job("old", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE)
                .job("young", ALICE_PROJECT, JobStatus.CREATE_FAILED).load();
        assertEquals("success", delete("old"));
        TestServer.setClock(retentionSeconds / 2);
        assertEquals("success", delete("young"));
        TestServer.setClock(retentionSeconds + 30);
        assertEquals("failed DRS.M05003", delete("old"));
        assertEquals("failed DRS.M05004", delete("young"), "deleted half a retention later: still kept");
    }

    @Test
    void fixturesGiveOrDefaultTheTimeOfDeletion() {
        long now = System.currentTimeMillis();
        long longAgo = now - retentionSeconds * 1000 - 60_000;
        Seed.empty()
                .job(new JobFixture().id("expired").projectId(ALICE_PROJECT).status(JobStatus.DELETED).deleteTime(longAgo))
                .job(new JobFixture().id("recent").projectId(ALICE_PROJECT).status(JobStatus.DELETED).deleteTime(now))
                .job(new JobFixture().id("undated").projectId(ALICE_PROJECT).status(JobStatus.DELETED))
                .job(new JobFixture().id("running").projectId(ALICE_PROJECT).status(JobStatus.CONFIGURATION).deleteTime(longAgo))
                .load();
        assertEquals("failed DRS.M05003", delete("expired"), "loaded past its time: gone");
        assertEquals("failed DRS.M05004", delete("recent"));
        assertEquals(now, exported("recent").orElseThrow().path("delete_time").asLong(), "kept as given");
        long undated = exported("undated").orElseThrow().path("delete_time").asLong();
        assertTrue(undated >= now - 1000 && undated <= System.currentTimeMillis() + 1000, "dated when loaded: " + undated);
        JsonNode running = exported("running").orElseThrow();
        assertFalse(running.has("delete_time"), "only a deleted job has a time of deletion: " + running);
        assertEquals("CONFIGURATION", running.path("status").asText());
    }

    @Test
    void theStateRoundTripKeepsEachTimeOfDeletion() {
        Seed.empty().job("j", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE).load();
        assertEquals("success", delete("j"));
        JsonNode state = State.export();
        long deletedAt = exported("j").orElseThrow().path("delete_time").asLong();
        TestServer.setClock(retentionSeconds / 2);
        Exchange imported = Wire.admin("PUT", "/_batchops/state").body(state).send();
        assertEquals(204, imported.status(), imported::toString);
        assertEquals(deletedAt, exported("j").orElseThrow().path("delete_time").asLong(), "not dated again when imported");
        TestServer.setClock(retentionSeconds + 30);
        assertTrue(exported("j").isEmpty(), "its time runs from its deletion, not from the import");
    }
}
