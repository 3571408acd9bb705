package io.batchops.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.server.errors.UnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;

/** Which failures mean the database does not serve, and how the store behaves until it does again. */
class AvailabilityTest {
    private final AtomicBoolean databaseServes = new AtomicBoolean(true);
    private final AtomicInteger drops = new AtomicInteger();
    private final Availability availability = new Availability(() -> {
        if (!databaseServes.get()) {
            throw new SQLException("Connection refused", "08001");
        }
    }, drops::incrementAndGet, Duration.ofSeconds(2));

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("a unit failed", cause);
    }

    @Test
    void connectionAndResourceFailuresMeanTheDatabaseDoesNotServe() {
        assertNotNull(availability.unavailability(wrapped(new SQLTransientConnectionException("pool timed out"))));
        assertNotNull(availability.unavailability(wrapped(new SQLException("terminating connection", "57P01"))));
        assertNotNull(availability.unavailability(wrapped(new SQLException("I/O error", "08006"))));
        assertNotNull(availability.unavailability(wrapped(new SQLException("could not extend file: No space left", "53100"))));
        assertNotNull(availability.unavailability(wrapped(new SQLException("The database has been closed", "90098", 90098))));
        assertNotNull(availability.unavailability(wrapped(new IOException("No space left on device"))));
        MVStoreException writeFailed = DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed", "file");
        assertNotNull(availability.unavailability(wrapped(new SQLException("General error", "HY000", 50000, writeFailed))));
        RuntimeException behindRollback = new IllegalStateException("insert failed");
        behindRollback.addSuppressed(new SQLException("The database has been closed", "90098", 90098));
        assertNotNull(availability.unavailability(behindRollback), "a closed database behind a failed rollback");
    }

    @Test
    void aUnitsOwnFailureIsItsOwn() {
        assertNull(availability.unavailability(wrapped(new SQLException("duplicate key", "23505"))));
        assertNull(availability.unavailability(new IllegalArgumentException("no such task")));
        assertNull(availability.unavailability(wrapped(DataUtils.newMVStoreException(DataUtils.ERROR_INTERNAL, "bug"))));
        RuntimeException own = new IllegalArgumentException("refused");
        assertSame(own, assertThrows(IllegalArgumentException.class, () -> availability.serve(() -> {
            throw own;
        })));
        assertTrue(availability.health().up(), "still serving");
    }

    @Test
    void aLostDatabaseFailsUnitsAtOnceUntilTheProbeFindsItBack() throws InterruptedException {
        databaseServes.set(false);
        assertThrows(UnavailableException.class, () -> availability.serve(() -> {
            throw wrapped(new SQLTransientConnectionException("pool timed out"));
        }));
        assertFalse(availability.health().up());
        assertNotNull(availability.health().since());
        assertEquals(1, drops.get(), "its connections are let go of");
        AtomicInteger ran = new AtomicInteger();
        assertThrows(UnavailableException.class, () -> availability.serve(ran::incrementAndGet));
        assertEquals(0, ran.get(), "no unit runs while it is down");

        Thread.sleep(Availability.PROBE_EVERY.toMillis() * 3);
        assertFalse(availability.health().up(), "the probe still fails");
        databaseServes.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!availability.health().up()) {
            assertTrue(System.nanoTime() < deadline, "the probe finds it back");
            Thread.sleep(50);
        }
        assertEquals(1, (int) availability.serve(ran::incrementAndGet));
        availability.close();
    }
}
