package io.batchops.server.drs;

import io.batchops.server.errors.UnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the deleted jobs kept their time, on a thread of its own, whether anyone reads them or not:
 * what a long-running server keeps is bounded by the jobs deleted within the retention and one
 * {@link #period}. Reads forget the ones they meet on the spot ({@link DrsJobService}).
 */
public final class JobExpiry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("batchops.drs");
    private static final Duration LONGEST_PERIOD = Duration.ofMinutes(1);
    private static final Duration SHORTEST_PERIOD = Duration.ofSeconds(1);

    private final DrsJobService jobs;
    private final ScheduledExecutorService thread;

    private JobExpiry(DrsJobService jobs) {
        this.jobs = jobs;
        this.thread = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread expiry = new Thread(work, "batchops-job-expiry");
            expiry.setDaemon(true);
            return expiry;
        });
    }

    /** Forgets expired jobs every {@link #period} from now on, until closed. */
    public static JobExpiry start(DrsJobService jobs) {
        JobExpiry expiry = new JobExpiry(jobs);
        long every = period(jobs.retention().keep()).toMillis();
        expiry.thread.scheduleWithFixedDelay(expiry::forget, every, every, TimeUnit.MILLISECONDS);
        return expiry;
    }

    /** The retention itself, between a second and a minute: a short retention is kept about that short. */
    static Duration period(Duration keep) {
        return keep.compareTo(SHORTEST_PERIOD) < 0 ? SHORTEST_PERIOD : keep.compareTo(LONGEST_PERIOD) > 0 ? LONGEST_PERIOD : keep;
    }

    private void forget() {
        try {
            jobs.forgetExpired();
        } catch (UnavailableException e) {
            // The store is down, which it has logged; the next round tries again.
        } catch (RuntimeException e) {
            LOG.warn("Deleted DRS jobs past their retention could not be forgotten, trying again in a while: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
