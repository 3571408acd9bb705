package io.batchops.server.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.server.store.InMemoryStore;
import io.batchops.server.store.Store;
import io.batchops.server.timing.ControlClock;
import io.batchops.server.timing.MoveClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleted jobs are forgotten on the expiry's own thread, unread, once their time is kept. */
class JobExpiryTest {
    @Test
    void deletedJobsAreForgottenUnreadOnceKeptTheirTime() throws Exception {
        Store store = new InMemoryStore();
        ControlClock control = new ControlClock(Clock.systemUTC());
        DrsJobService jobs = new DrsJobService(store, new MoveClock(Clock.systemUTC()),
                new JobRetention(Duration.ofSeconds(1), control.ahead(Clock.systemUTC())));
        Instant now = control.instant();
        store.inProject("p", project -> {
            project.put(new Job("gone", "p", "gone", DrsJobStatus.CREATE_FAILED, JobRole.STANDALONE, false).deleted(now));
            project.put(new Job("kept", "p", "kept", DrsJobStatus.CREATE_FAILED, JobRole.STANDALONE, false)
                    .deleted(now.plus(Duration.ofDays(1))));
            return null;
        });
        try (JobExpiry expiry = JobExpiry.start(jobs)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.inProject("p", project -> project.job("gone")).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertEquals(List.of("kept"), store.inProject("p", project -> project.allJobs().stream().map(Job::id).toList()));
    }

    @Test
    void theExpiryRunsAsOftenAsTheRetentionBetweenASecondAndAMinute() {
        assertEquals(Duration.ofSeconds(1), JobExpiry.period(Duration.ZERO));
        assertEquals(Duration.ofSeconds(30), JobExpiry.period(Duration.ofSeconds(30)));
        assertEquals(Duration.ofMinutes(1), JobExpiry.period(Duration.ofHours(1)));
    }

    @Test
    void theControlClockMovesExpiryWithIt() {
        ControlClock control = new ControlClock(Clock.systemUTC());
        JobRetention retention = new JobRetention(Duration.ofHours(1), control.ahead(Clock.systemUTC()));
        Job deleted = new Job("j", "p", "j", DrsJobStatus.CREATE_FAILED, JobRole.STANDALONE, false).deleted(retention.now());
        assertTrue(!retention.gone(deleted, retention.now()));
        control.setOffset(Duration.ofHours(1).plusSeconds(1));
        assertTrue(retention.gone(deleted, retention.now()));
    }
}
