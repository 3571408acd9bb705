package io.batchops.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobRole;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every store forgets, across projects, exactly the jobs deleted at or before a time, and no other
 * record, however many there are (a database's in several transactions).
 */
class DeletedJobsStoreTest {
    @TempDir
    Path dataDir;

    private Store open(String kind) {
        return switch (kind) {
            case "memory" -> StoreConfig.IN_MEMORY.open();
            case "embedded" -> StoreConfig.embedded(dataDir).open();
            case "postgres" -> TestDatabases.postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Job deletedAt(String id, String project, long epochMillis) {
        return new Job(id, project, id, DrsJobStatus.RELEASE_RESOURCE_COMPLETE, JobRole.STANDALONE, false)
                .withStatus(DrsJobStatus.DELETED, Instant.ofEpochMilli(epochMillis));
    }

    private static List<String> jobIds(Store store, String project) {
        return store.inProject(project, drs -> drs.allJobs().stream().map(Job::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "embedded", "postgres"})
    void jobsDeletedByTheCutoffAreForgottenAndNoOthers(String kind) {
        try (Store store = open(kind)) {
            // A shared database may hold what an earlier run left in this range of times.
            store.removeJobsDeletedBy(10_000);
            String first = "expiry-" + UUID.randomUUID();
            String second = "expiry-" + UUID.randomUUID();
            store.inProject(first, drs -> {
                for (int i = 0; i < 2_500; i++) {
                    // Many deleted in the same millisecond, as a batch or a load deletes them.
                    drs.put(deletedAt("old-" + i, first, i < 1_500 ? 1_000 : 1_000 + i % 1_000));
                }
                drs.put(deletedAt("boundary", first, 5_000));
                drs.put(deletedAt("young", first, 5_001));
                drs.put(new Job("live", first, "live", DrsJobStatus.CONFIGURATION, JobRole.STANDALONE, false));
                return null;
            });
            store.inProject(second, drs -> {
                drs.put(deletedAt("old", second, 1_500));
                drs.put(new Job("undated", second, "undated", DrsJobStatus.CONFIGURATION, JobRole.STANDALONE, false));
                return null;
            });

            assertEquals(2_502, store.removeJobsDeletedBy(5_000), "2,500 old ones, the one at the cutoff, the other project's");
            assertEquals(List.of("young", "live"), jobIds(store, first));
            assertEquals(List.of("undated"), jobIds(store, second));
            assertEquals(0, store.removeJobsDeletedBy(5_000), "nothing left to forget");
            assertEquals(5_001, store.inProject(first, drs -> drs.job("young")).orElseThrow().deleteTime());
            store.removeJobsDeletedBy(10_000);
            assertEquals(List.of("live"), jobIds(store, first));
        }
    }
}
