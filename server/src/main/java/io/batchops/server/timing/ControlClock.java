package io.batchops.server.timing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine's clock, run ahead by an offset the control API sets, so that a test reaches a token's
 * or a temporary key's expiry, or a deleted DRS job's, without waiting. Only expiries follow it: request signatures are dated
 * by the caller's machine and checked against this one's.
 */
public final class ControlClock extends Clock {
    private final Clock machine;
    /** Shared with the clocks {@link #ahead} made, so that one move moves them all. */
    private final AtomicReference<Duration> offset;

    public ControlClock(Clock machine) {
        this(machine, new AtomicReference<>(Duration.ZERO));
    }

    private ControlClock(Clock machine, AtomicReference<Duration> offset) {
        this.machine = machine;
        this.offset = offset;
    }

    public Duration offset() {
        return offset.get();
    }

    public void setOffset(Duration newOffset) {
        if (newOffset.isNegative()) {
            throw new IllegalArgumentException("the control clock runs behind the machine's: " + newOffset);
        }
        offset.set(newOffset);
    }

    /** {@code base} run ahead by this clock's offset, whatever the offset is when it is read. */
    public ControlClock ahead(Clock base) {
        return new ControlClock(base, offset);
    }

    @Override
    public Instant instant() {
        return machine.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the control clock is in UTC");
    }
}
