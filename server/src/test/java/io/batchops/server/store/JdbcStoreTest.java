package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobRole;
import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.json.Json;
import io.batchops.server.listing.Listing;
import io.batchops.server.sms.MigrationSource;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.TaskFields;
import io.batchops.server.sms.MigrationTaskState;
import io.batchops.server.timing.Move;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database store keeps what the in-memory one keeps, the same way, and keeps it across
 * a close: records by owner and id, oldest first, a move under way, units that fail leaving nothing.
 */
class JdbcStoreTest {
    private static final String DOMAIN = "domain-a";
    private static final String OTHER_DOMAIN = "domain-b";
    private static final String PROJECT = "project-a";

    @TempDir
    Path dataDir;

    private static MigrationTask task(String id, String domain) {
        return MigrationTask.builder(id, domain, "src-1").name("name-" + id).state(MigrationTaskState.READY).build();
    }

    private static void put(Store store, MigrationTask task) {
        store.inAccount(task.domainId(), account -> {
            account.put(task);
            return null;
        });
    }

    private static List<String> taskIds(Store store, String domain) {
        return store.inAccount(domain, account -> account.allTasks().stream().map(MigrationTask::id).toList());
    }

    @Test
    void recordsAreKeptByOwnerOldestFirstAndAReplacementKeepsItsPlace() {
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            put(store, task("t2", DOMAIN));
            put(store, task("t1", DOMAIN));
            put(store, task("t3", DOMAIN));
            put(store, task("t1", OTHER_DOMAIN));
            put(store, task("t2", DOMAIN).with(MigrationTaskState.MIGRATE_SUCCESS));
            assertEquals(List.of("t2", "t1", "t3"), taskIds(store, DOMAIN));
            assertEquals(List.of("t1"), taskIds(store, OTHER_DOMAIN));
            assertEquals(MigrationTaskState.MIGRATE_SUCCESS, store.inAccount(DOMAIN, account -> account.task("t2")).orElseThrow().state());
            store.inAccount(DOMAIN, account -> {
                account.removeTask("t1");
                return null;
            });
            assertEquals(List.of("t2", "t3"), taskIds(store, DOMAIN));
            assertEquals(List.of("t1"), taskIds(store, OTHER_DOMAIN), "another tenant's task of the same id stays");
        }
    }

    @Test
    void aUnitThatFailsChangesNothing() {
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            put(store, task("t1", DOMAIN));
            assertThrows(IllegalStateException.class, () -> store.inAccount(DOMAIN, account -> {
                account.removeTask("t1");
                account.put(task("t2", DOMAIN));
                throw new IllegalStateException("refused half way");
            }));
            assertEquals(List.of("t1"), taskIds(store, DOMAIN));
        }
    }

    @Test
    void stateAndMovesUnderWaySurviveAClose() {
        Instant startedAt = Instant.parse("2026-12-02T10:00:00.123456789Z");
        Job releasing = new Job("job-1", PROJECT, "job", DrsJobStatus.RELEASE_RESOURCE_STARTED, JobRole.STANDALONE, false)
                .withMove(new Move<>(DrsJobStatus.RELEASE_RESOURCE_COMPLETE, startedAt, 2));
        StoredState before;
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            put(store, task("t1", DOMAIN));
            put(store, task("t2", OTHER_DOMAIN).withMove(new Move<>(MigrationTaskState.MIGRATE_SUCCESS, startedAt, 0)));
            store.inProject(PROJECT, project -> {
                project.put(releasing);
                return null;
            });
            before = store.snapshot();
        }
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            assertEquals(before, store.snapshot());
            assertEquals(releasing, store.inProject(PROJECT, project -> project.job("job-1")).orElseThrow());
            assertEquals(new Move<>(MigrationTaskState.MIGRATE_SUCCESS, startedAt, 0),
                    store.inAccount(OTHER_DOMAIN, account -> account.task("t2")).orElseThrow().move());
        }
    }

    @Test
    void theSnapshotListsTenantsByIdAndClearForgetsEverything() {
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            put(store, task("t1", "zz-last"));
            put(store, task("t2", "Aa-first"));
            put(store, task("t3", "zz-last"));
            assertEquals(List.of("t2", "t1", "t3"),
                    store.snapshot().sms().tasks().stream().map(MigrationTask::id).toList());
            store.clear();
            assertTrue(store.snapshot().sms().tasks().isEmpty());
            put(store, task("t4", "zz-last"));
            assertEquals(List.of("t4"), taskIds(store, "zz-last"));
        }
    }

    @Test
    void unitsOnOneTenantRunOneAtATime() throws Exception {
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            put(store, task("counter", DOMAIN));
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> units = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String id = "t" + i;
                units.add(threads.submit(() -> store.inAccount(DOMAIN, account -> {
                    mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    account.put(task(id, DOMAIN));
                    inside.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> unit : units) {
                unit.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertEquals(1, mostAtOnce.get());
            assertEquals(65, taskIds(store, DOMAIN).size());
        }
    }

    /** What a unit reads after writing, in either store: a database's unit holds its writes until it ends. */
    @ParameterizedTest(name = "embedded: {0}")
    @ValueSource(booleans = {false, true})
    void aUnitReadsItsOwnWritesAndBatchReadsFindOnlyWhatExists(boolean embedded) {
        try (Store store = embedded ? StoreConfig.embedded(dataDir).open() : StoreConfig.IN_MEMORY.open()) {
            put(store, task("t1", DOMAIN));
            put(store, task("t2", DOMAIN));
            put(store, task("t3", DOMAIN));
            put(store, task("t5", OTHER_DOMAIN));
            List<String> seenInside = store.inAccount(DOMAIN, account -> {
                assertEquals(List.of("t1", "t3"), List.copyOf(account.tasksNamed(List.of("t1", "ghost", "t3", "t1", "t5", "nul\0")).keySet()));
                account.removeTask("t1");
                assertTrue(account.task("t1").isEmpty());
                assertTrue(account.tasksNamed(List.of("t1")).isEmpty());
                account.put(task("t4", DOMAIN));
                account.put(task("t2", DOMAIN).with(MigrationTaskState.MIGRATE_FAIL));
                assertEquals(MigrationTaskState.MIGRATE_FAIL, account.tasksNamed(List.of("t2")).get("t2").state());
                assertEquals(List.of("t2", "t3", "t4"), account.allTasks().stream().map(MigrationTask::id).toList());
                account.put(task("t1", DOMAIN));
                return account.allTasks().stream().map(MigrationTask::id).toList();
            });
            assertEquals(List.of("t2", "t3", "t4", "t1"), seenInside, "a task removed and put again comes last");
            assertEquals(seenInside, taskIds(store, DOMAIN));
            assertEquals(MigrationTaskState.MIGRATE_FAIL, store.inAccount(DOMAIN, account -> account.task("t2")).orElseThrow().state());
            assertEquals(List.of("t5"), taskIds(store, OTHER_DOMAIN));
        }
    }

    /** Metrics count records by state without reading them: the same counts as the records themselves give. */
    @ParameterizedTest(name = "embedded: {0}")
    @ValueSource(booleans = {false, true})
    void recordsAreCountedByStateAsTheRecordsThemselvesSay(boolean embedded) {
        try (Store store = embedded ? StoreConfig.embedded(dataDir).open() : StoreConfig.IN_MEMORY.open()) {
            put(store, task("t1", DOMAIN));
            put(store, task("t2", DOMAIN).with(MigrationTaskState.MIGRATE_FAIL));
            put(store, task("t3", OTHER_DOMAIN).with(MigrationTaskState.MIGRATE_FAIL));
            store.inAccount(DOMAIN, account -> {
                account.put(MigrationSource.builder("s1", DOMAIN).state(MigrationSourceState.UNAVAILABLE).build());
                account.put(MigrationSource.builder("s2", DOMAIN).state(MigrationSourceState.UNAVAILABLE).build());
                account.put(MigrationSource.builder("s2", DOMAIN).state(MigrationSourceState.STOPPED).build());
                return null;
            });
            store.inProject(PROJECT, project -> {
                project.put(new Job("job-1", PROJECT, "job", DrsJobStatus.RELEASE_RESOURCE_STARTED, JobRole.STANDALONE, false));
                return null;
            });
            StoredCounts counts = store.counts();
            assertEquals(1L, counts.tasks().get(MigrationTaskState.READY));
            assertEquals(2L, counts.tasks().get(MigrationTaskState.MIGRATE_FAIL));
            assertEquals(0L, counts.tasks().get(MigrationTaskState.MIGRATE_SUCCESS), "every state is listed");
            assertEquals(1L, counts.sources().get(MigrationSourceState.UNAVAILABLE));
            assertEquals(1L, counts.sources().get(MigrationSourceState.STOPPED), "a replaced record counts in its new state");
            assertEquals(1L, counts.jobs().get(DrsJobStatus.RELEASE_RESOURCE_STARTED));
            StoredState snapshot = store.snapshot();
            assertEquals(snapshot.sms().tasks().size(), counts.tasks().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(snapshot.drs().jobs().size(), counts.jobs().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    /** A data dir written before the listing columns existed: opening it fills them from the records. */
    @Test
    void aDatabaseOfTheFirstSchemaGainsTheListingColumns() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("batchops");
        Flyway.configure().dataSource(url, "batchops", "").locations("classpath:io/batchops/server/store/migrations")
                .target("1").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "batchops", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO sms_tasks (domain_id, id, record) VALUES (?, ?, ?)")) {
            for (MigrationTask task : List.of(task("t1", DOMAIN), task("t2", DOMAIN).with(MigrationTaskState.MIGRATE_FAIL), task("t3", DOMAIN))) {
                insert.setString(1, task.domainId());
                insert.setString(2, task.id());
                insert.setString(3, Json.MAPPER.writeValueAsString(task));
                insert.executeUpdate();
            }
        }
        try (Connection connection = DriverManager.getConnection(url, "batchops", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO sms_sources (domain_id, id, record) VALUES (?, ?, ?)")) {
            MigrationSource source = MigrationSource.builder("s1", DOMAIN).state(MigrationSourceState.STOPPED).build();
            insert.setString(1, DOMAIN);
            insert.setString(2, "s1");
            insert.setString(3, Json.MAPPER.writeValueAsString(source));
            insert.executeUpdate();
        }
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            assertEquals(1L, store.counts().sources().get(MigrationSourceState.STOPPED), "the source state column is filled");
            assertEquals(2L, store.counts().tasks().get(MigrationTaskState.READY));
            Listing.Result<MigrationTask> failed = store.inAccount(DOMAIN, account -> account.taskPage(new Listing<>(
                    List.of(new Listing.Equal<>(TaskFields.STATE, "MIGRATE_FAIL"), new Listing.Contains<>(TaskFields.NAME, "name-")),
                    null, false, 0, null)));
            assertEquals(1, failed.total());
            assertEquals("t2", failed.records().get(0).id());
        }
    }

    /** A data dir of version 3: its deleted jobs, which recorded no time, are dated at the upgrade and kept from then. */
    @Test
    void aDatabaseOfTheThirdSchemaDatesItsDeletedJobs() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("batchops");
        Flyway.configure().dataSource(url, "batchops", "").locations("classpath:io/batchops/server/store/migrations")
                .javaMigrations(new ListingColumns(), new SourceStateColumn()).target("3").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "batchops", "");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO drs_jobs (project_id, id, record, status) VALUES (?, ?, ?, ?)")) {
            for (String[] job : new String[][] {{"gone", "DELETED"}, {"live", "CONFIGURATION"}}) {
                insert.setString(1, PROJECT);
                insert.setString(2, job[0]);
                insert.setString(3, "{\"id\":\"" + job[0] + "\",\"project_id\":\"" + PROJECT + "\",\"status\":\"" + job[1] + "\"}");
                insert.setString(4, job[1]);
                insert.executeUpdate();
            }
        }
        long before = System.currentTimeMillis();
        try (Store store = StoreConfig.embedded(dataDir).open()) {
            long after = System.currentTimeMillis();
            Job gone = store.inProject(PROJECT, project -> project.job("gone")).orElseThrow();
            assertTrue(gone.deleteTime() >= before && gone.deleteTime() <= after, "dated at the upgrade: " + gone.deleteTime());
            assertEquals(null, store.inProject(PROJECT, project -> project.job("live")).orElseThrow().deleteTime());
            assertEquals(0, store.removeJobsDeletedBy(before - 1), "kept from the upgrade on");
            assertEquals(1, store.removeJobsDeletedBy(after), "found by its column");
            assertEquals(List.of("live"), store.inProject(PROJECT, project -> project.allJobs().stream().map(Job::id).toList()));
        }
    }
}
