package io.batchops.server.drs;

import java.time.Clock;
import java.time.Instant;

/** The clock and the current {@link Timing} of job transitions; the admin API changes the timing. */
public final class Transitions {
    private final Clock clock;
    private volatile Timing timing = Timing.IMMEDIATE;

    public Transitions(Clock clock) {
        this.clock = clock;
    }

    public Timing timing() {
        return timing;
    }

    public void setTiming(Timing newTiming) {
        this.timing = newTiming;
    }

    Instant now() {
        return clock.instant();
    }

    /** The job as a read now finds it. */
    Job observe(Job job) {
        return job.observed(timing, clock.instant());
    }
}
