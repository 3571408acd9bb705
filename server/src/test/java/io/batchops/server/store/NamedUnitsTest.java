package io.batchops.server.store;

import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobRole;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.MigrationTaskState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL, units over named records of one tenant ({@code onTasks}, {@code onJobs}) wait only for
 * units that name the same records, and for units over the whole tenant: batches on disjoint ids of
 * one tenant run at once, across instances too (each unit holds its own connection), while two
 * batches on one id still take turns, the second finding what the first left.
 */
class NamedUnitsTest {
    /** Long enough for a unit that is not held to finish many times over. */
    private static final long HELD_MS = 500;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Store store;
    private String domain;
    private String project;

    @BeforeEach
    void open() {
        store = TestDatabases.postgres();
        // Tenants of their own: a shared database may hold others' from earlier runs.
        domain = "named-" + UUID.randomUUID();
        project = "named-" + UUID.randomUUID();
        store.inAccount(domain, account -> {
            List.of("t1", "t2", "t3").forEach(id -> account.put(
                    MigrationTask.builder(id, domain, "src-1").name("name-" + id).state(MigrationTaskState.READY).build()));
            return null;
        });
        store.inProject(project, drs -> {
            List.of("j1", "j2").forEach(id -> drs.put(new Job(id, project, "job-" + id, DrsJobStatus.CONFIGURATION, JobRole.STANDALONE, false)));
            return null;
        });
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    /** Runs a unit on another thread that holds its locks until {@code release}; returns once it holds them. */
    private Future<Object> held(CountDownLatch release, java.util.function.Function<Runnable, Object> unit) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        Future<Object> done = threads.submit(() -> unit.apply(() -> {
            holding.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS), "the test never released the held unit");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the held unit never started");
        return done;
    }

    private <T> Future<T> later(Supplier<T> unit) {
        return threads.submit(unit::get);
    }

    private static void assertStillWaiting(Future<?> unit, String why) throws Exception {
        assertThrows(TimeoutException.class, () -> unit.get(HELD_MS, TimeUnit.MILLISECONDS), why);
    }

    @Test
    void aUnitOnOtherTasksOfTheAccountDoesNotWaitForAHeldOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = held(release, hold -> store.onTasks(domain, List.of("t1"), account -> {
            account.removeTask("t1");
            hold.run();
            return null;
        }));
        Map<String, MigrationTask> other = later(() -> store.onTasks(domain, List.of("t2", "t3"), account -> {
            Map<String, MigrationTask> found = account.tasksNamed(List.of("t2", "t3"));
            account.removeTask("t2");
            return found;
        })).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("t2", "t3"), List.copyOf(other.keySet()), "the other unit ran while the first held t1");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("t3"), store.inAccount(domain, account -> account.allTasks().stream().map(MigrationTask::id).toList()));
    }

    @Test
    void aUnitOnTheSameTaskWaitsThenFindsWhatTheFirstLeft() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = held(release, hold -> store.onTasks(domain, List.of("t1", "t2"), account -> {
            account.removeTask("t1");
            hold.run();
            return null;
        }));
        Future<Optional<MigrationTask>> second = later(() -> store.onTasks(domain, List.of("t1"), account -> account.task("t1")));
        assertStillWaiting(second, "a unit on t1 ran while another held it");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), second.get(10, TimeUnit.SECONDS), "the second unit found the task the first removed");
    }

    @Test
    void aUnitOverTheAccountWaitsForUnitsOnNamedTasksAndTheyForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> named = held(release, hold -> store.onTasks(domain, List.of("t1"), account -> {
            hold.run();
            return null;
        }));
        Future<Integer> whole = later(() -> store.inAccount(domain, account -> account.allTasks().size()));
        assertStillWaiting(whole, "a unit over the account ran while a unit on t1 was under way");
        release.countDown();
        named.get(10, TimeUnit.SECONDS);
        assertEquals(3, whole.get(10, TimeUnit.SECONDS));

        CountDownLatch releaseWhole = new CountDownLatch(1);
        Future<Object> wholeHeld = held(releaseWhole, hold -> store.inAccount(domain, account -> {
            hold.run();
            return null;
        }));
        Future<Object> onTask = later(() -> store.onTasks(domain, List.of("t3"), account -> account.task("t3")));
        assertStillWaiting(onTask, "a unit on t3 ran while a unit over the account was under way");
        releaseWhole.countDown();
        wholeHeld.get(10, TimeUnit.SECONDS);
        assertTrue(((Optional<?>) onTask.get(10, TimeUnit.SECONDS)).isPresent());
    }

    @Test
    void unitsOnDisjointJobsOfAProjectDoNotWaitForEachOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = held(release, hold -> store.onJobs(project, List.of("j1"), drs -> {
            hold.run();
            return null;
        }));
        assertTrue(later(() -> store.onJobs(project, List.of("j2"), drs -> drs.job("j2"))).get(10, TimeUnit.SECONDS).isPresent());
        Future<Optional<Job>> same = later(() -> store.onJobs(project, List.of("j1"), drs -> drs.job("j1")));
        assertStillWaiting(same, "a unit on j1 ran while another held it");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertTrue(same.get(10, TimeUnit.SECONDS).isPresent());
    }

    @Test
    void aUnitOnNamedRecordsCannotReadTheWholeTenant() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.onTasks(domain, List.of("t1"), account -> account.allTasks()));
        assertTrue(refused.getMessage().contains("by id only"), refused.getMessage());
        assertFalse(store.inAccount(domain, account -> account.allTasks()).isEmpty(), "the refused unit changed nothing");
    }
}
