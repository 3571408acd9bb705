package io.batchops.server.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * The database server's time, so that instances on machines whose clocks differ time a move (a DRS job
 * releasing its resources) alike: the server is asked at most once a {@link #CHECK_EVERY_NANOS}, and in
 * between this JVM's clock carries the last answer forward.
 */
final class DatabaseClock extends Clock {
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** PostgreSQL's wall-clock time now (not the transaction's start), in microseconds since the epoch. */
    private static final String NOW_MICROS = "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";

    private final Jdbi jdbi;
    private final ReentrantLock checking = new ReentrantLock();
    /** How far the database's clock is ahead of this JVM's, in nanoseconds. */
    private volatile long aheadNanos;
    /** System.nanoTime() of the last check. */
    private volatile long checkedAt;

    DatabaseClock(Jdbi jdbi) {
        this.jdbi = jdbi;
        check();
    }

    @Override
    public Instant instant() {
        if (System.nanoTime() - checkedAt > CHECK_EVERY_NANOS && checking.tryLock()) {
            try {
                check();
            } finally {
                checking.unlock();
            }
        }
        return Instant.now().plusNanos(aheadNanos);
    }

    private void check() {
        long before = epochNanosNow();
        long databaseMicros = jdbi.withHandle(handle -> handle.createQuery(NOW_MICROS).mapTo(Long.class).one());
        long after = epochNanosNow();
        // The database read its clock about half way through the round trip.
        aheadNanos = databaseMicros * 1000 - (before + (after - before) / 2);
        checkedAt = System.nanoTime();
    }

    private static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the database's clock is read in UTC");
    }
}
