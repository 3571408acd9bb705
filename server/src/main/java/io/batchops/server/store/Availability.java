package io.batchops.server.store;

import io.batchops.server.errors.UnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a database serves, told by the units that use it. A unit failing because the database
 * cannot be reached, is shutting down or has no room marks it down; from then on units fail at once
 * (no request waits for a connection that will not come), and a thread of its own tries the database
 * every {@link #PROBE_EVERY} until it serves again. Any other failure is the unit's own.
 */
final class Availability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("batchops.store");
    static final Duration PROBE_EVERY = Duration.ofMillis(500);
    /** PostgreSQL's classes of failure that are the server's state, not the unit's: connection (08), resources (53, a full disk among them), operator intervention (57P). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("08", "53", "57P01", "57P02", "57P03");
    /** H2's codes for a database it closed or could not read or write: IO_EXCEPTION_1/2, FILE_CORRUPTED_1, DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN. */
    private static final Set<Integer> H2_IO = Set.of(ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CORRUPTED_1,
            ErrorCode.DATABASE_IS_CLOSED, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN);
    /** H2's file store failing to read, write, or staying closed after such a failure (its general error wraps these). */
    private static final Set<Integer> H2_STORE_FAILURES = Set.of(DataUtils.ERROR_READING_FAILED, DataUtils.ERROR_WRITING_FAILED,
            DataUtils.ERROR_CLOSED);

    /** Tries the database: returns normally if it serves. */
    interface Probe {
        void check() throws Exception;
    }

    private final Probe probe;
    /** Lets go of the connections the failure may have broken (a closed embedded database leaves them half open). */
    private final Runnable dropConnections;
    private final Duration connectionWait;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService prober;
    private volatile StoreCondition health = StoreCondition.UP;

    Availability(Probe probe, Runnable dropConnections, Duration connectionWait) {
        this.probe = probe;
        this.dropConnections = dropConnections;
        this.connectionWait = connectionWait;
        prober = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "batchops-store-probe");
            thread.setDaemon(true);
            return thread;
        });
        prober.scheduleWithFixedDelay(this::probeIfDown, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    StoreCondition health() {
        return health;
    }

    /** Runs {@code unit}, failing at once while the database is down and marking it down when the unit finds it so. */
    <T> T serve(Supplier<T> unit) {
        StoreCondition now = health;
        if (!now.up()) {
            throw new UnavailableException(now.reason(), null);
        }
        try {
            return unit.get();
        } catch (RuntimeException failure) {
            String reason = unavailability(failure);
            if (reason == null) {
                throw failure;
            }
            markDown(reason);
            throw new UnavailableException(reason, failure);
        }
    }

    private synchronized void markDown(String reason) {
        if (health.up()) {
            health = StoreCondition.down(reason, clock.instant());
            dropConnections.run();
            LOG.warn("The database stopped serving: {}. Requests that need it are answered 503 until it serves again.", reason);
        }
    }

    private void probeIfDown() {
        StoreCondition now = health;
        if (now.up()) {
            return;
        }
        try {
            probe.check();
        } catch (Exception | LinkageError stillDown) {
            return;
        }
        synchronized (this) {
            health = StoreCondition.UP;
        }
        LOG.info("The database serves again, after {} s.", Duration.between(now.since(), clock.instant()).toSeconds());
    }

    /** Why {@code failure} means the database does not serve, in words for the log; null if it is the unit's own failure. */
    String unavailability(Throwable failure) {
        return unavailability(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Looks through causes and suppressed failures: a closed database often hides behind a failed rollback. */
    private String unavailability(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return null;
        }
        if (failure instanceof SQLTransientConnectionException) {
            return "no database connection within " + connectionWait.toMillis() + " ms (" + rootMessage(failure) + ")";
        }
        if (failure instanceof SQLException sql && unavailable(sql)) {
            return "the database failed: " + firstLine(sql.getMessage());
        }
        if (failure instanceof MVStoreException store && H2_STORE_FAILURES.contains(store.getErrorCode())) {
            return "the embedded database could not write or read its file (a full disk?): " + firstLine(store.getMessage());
        }
        if (failure instanceof IOException) {
            return "the database could not read or write its files: " + firstLine(failure.getMessage());
        }
        String reason = unavailability(failure.getCause(), seen);
        for (Throwable suppressed : failure.getSuppressed()) {
            reason = reason != null ? reason : unavailability(suppressed, seen);
        }
        return reason;
    }

    private static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState();
        return state != null && (UNAVAILABLE_STATES.contains(state) || UNAVAILABLE_STATES.contains(state.substring(0, Math.min(2, state.length()))))
                || H2_IO.contains(sql.getErrorCode());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
