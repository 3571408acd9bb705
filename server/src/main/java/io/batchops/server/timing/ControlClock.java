package io.batchops.server.timing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The machine's clock, run ahead by an offset the control API sets, so that a test reaches a token's
 * or a temporary key's expiry without waiting. Only expiries follow it: request signatures are dated
 * by the caller's machine and checked against this one's.
 */
public final class ControlClock extends Clock {
    private final Clock machine;
    private volatile Duration offset = Duration.ZERO;

    public ControlClock(Clock machine) {
        this.machine = machine;
    }

    public Duration offset() {
        return offset;
    }

    public void setOffset(Duration newOffset) {
        if (newOffset.isNegative()) {
            throw new IllegalArgumentException("the control clock runs behind the machine's: " + newOffset);
        }
        this.offset = newOffset;
    }

    @Override
    public Instant instant() {
        return machine.instant().plus(offset);
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
