package io.batchops.server.drs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a deleted job is kept ({@code DRS.M05004} while it is), by {@code clock} (the control
 * clock's offset on the store's time); after that it is gone ({@code DRS.M05003}), whether it was
 * read or not.
 */
public record JobRetention(Duration keep, Clock clock) {
    public static final long DEFAULT_KEEP_SECONDS = 3600;
    public static final Duration DEFAULT_KEEP = Duration.ofSeconds(DEFAULT_KEEP_SECONDS);
    /** Ten years: the furthest the control clock can be moved, so longer is "for ever" in effect. */
    public static final long LONGEST_KEEP_SECONDS = 315_360_000;
    public static final Duration LONGEST_KEEP = Duration.ofSeconds(LONGEST_KEEP_SECONDS);

    public JobRetention {
        Objects.requireNonNull(clock, "clock");
        if (keep == null || keep.isNegative() || keep.compareTo(LONGEST_KEEP) > 0) {
            throw new IllegalArgumentException("deleted jobs are kept from 0 to " + LONGEST_KEEP.toSeconds() + " seconds");
        }
    }

    /** The time a deletion is dated by, and expiry measured against. */
    Instant now() {
        return clock.instant();
    }

    /** Jobs deleted at or before this (epoch milliseconds) are gone at {@code now}. */
    long cutoffMillis(Instant now) {
        return now.minus(keep).toEpochMilli();
    }

    /** Whether {@code job} is gone at {@code now}: deleted, and kept its time. */
    boolean gone(Job job, Instant now) {
        return job.deleteTime() != null && job.deleteTime() <= cutoffMillis(now);
    }
}
