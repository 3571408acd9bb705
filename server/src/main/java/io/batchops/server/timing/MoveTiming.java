package io.batchops.server.timing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a move (CREATING, RELEASE_RESOURCE_STARTED, ...) takes before a job reaches the
 * status it is heading for: by the next request ({@code immediate}), after a delay, or after a number
 * of reads of the job.
 */
public record MoveTiming(@JsonProperty("mode") Mode mode, @JsonProperty("delay_ms") Long delayMs,
        @JsonProperty("reads") Integer reads) {
    public static final MoveTiming IMMEDIATE = new MoveTiming(Mode.IMMEDIATE, null, null);
    /** The spec's defaults, for a mode given without its figure. */
    static final long DEFAULT_DELAY_MS = 1000;
    static final int DEFAULT_READS = 1;

    public enum Mode {
        @JsonProperty("immediate") IMMEDIATE,
        @JsonProperty("delay") DELAY,
        @JsonProperty("reads") READS
    }

    /** Each mode keeps its own figure only, defaulted when left out. */
    public MoveTiming {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required: immediate, delay or reads");
        }
        delayMs = mode != Mode.DELAY ? null : delayMs == null ? DEFAULT_DELAY_MS : delayMs;
        reads = mode != Mode.READS ? null : reads == null ? DEFAULT_READS : reads;
        if ((delayMs != null && delayMs < 0) || (reads != null && reads < 1)) {
            throw new IllegalArgumentException("delay_ms must be 0 or more, reads 1 or more");
        }
    }

    /** Whether a move begun at {@code startedAt}, and read {@code readsSoFar} times since, is over. */
    public boolean due(Instant startedAt, int readsSoFar, Instant now) {
        return switch (mode) {
            case IMMEDIATE -> readsSoFar >= 1;
            case DELAY -> !now.isBefore(startedAt.plus(Duration.ofMillis(delayMs)));
            case READS -> readsSoFar >= reads;
        };
    }
}
