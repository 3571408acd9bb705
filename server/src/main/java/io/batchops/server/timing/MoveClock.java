package io.batchops.server.timing;

import java.time.Clock;
import java.time.Instant;

/**
 * The clock and the current {@link MoveTiming} of moves that take time (a DRS job releasing its
 * resources, an SMS task aborting); the control API changes the timing.
 */
public final class MoveClock {
    private final Clock clock;
    private volatile MoveTiming timing = MoveTiming.IMMEDIATE;

    public MoveClock(Clock clock) {
        this.clock = clock;
    }

    public MoveTiming timing() {
        return timing;
    }

    public void setTiming(MoveTiming newTiming) {
        this.timing = newTiming;
    }

    public Instant now() {
        return clock.instant();
    }
}
