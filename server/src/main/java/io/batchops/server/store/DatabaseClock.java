package io.batchops.server.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The database server's time, so that instances on machines whose clocks differ time a move (a DRS job
 * releasing its resources) alike: a thread of its own asks the server every {@link #CHECK_EVERY_MS},
 * and this JVM's clock carries the last answer forward. Reading it never takes a connection: it is
 * read inside units of work, which hold theirs, and a pool that those units fill would wait for ever.
 */
final class DatabaseClock extends Clock implements AutoCloseable {
    private static final long CHECK_EVERY_MS = 1000;
    /** PostgreSQL's wall-clock time now (not the transaction's start), in microseconds since the epoch. */
    private static final String NOW_MICROS = "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";

    private final Jdbi jdbi;
    private final ScheduledExecutorService checker;
    /** How far the database's clock is ahead of this JVM's, in nanoseconds. */
    private volatile long aheadNanos;

    /** Reads the database's clock once (failing if it cannot), then every second in the background. */
    DatabaseClock(Jdbi jdbi) {
        this.jdbi = jdbi;
        check();
        checker = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "batchops-database-clock");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::checkQuietly, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(aheadNanos);
    }

    /** A check that fails (the database restarting) keeps the last offset; the next one tries again. */
    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // Requests report the database's failures themselves; the clock keeps going meanwhile.
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    private void check() {
        long before = epochNanosNow();
        long databaseMicros = jdbi.withHandle(handle -> handle.createQuery(NOW_MICROS).mapTo(Long.class).one());
        long after = epochNanosNow();
        // The database read its clock about half way through the round trip.
        aheadNanos = databaseMicros * 1000 - (before + (after - before) / 2);
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
