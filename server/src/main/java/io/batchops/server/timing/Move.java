package io.batchops.server.timing;

import java.time.Instant;
import java.util.Optional;

/** A move under way to state {@code to}: when it began, and how often its record was read since. */
public record Move<S>(S to, Instant startedAt, int reads) {

    public static <S> Move<S> toward(S to, Instant now) {
        return new Move<>(to, now, 0);
    }

    /** This move after one more read at {@code now}: over (empty) once {@code timing} says so, else counted. */
    public Optional<Move<S>> afterRead(MoveTiming timing, Instant now) {
        int readsNow = reads + 1;
        return timing.due(startedAt, readsNow, now) ? Optional.empty() : Optional.of(new Move<>(to, startedAt, readsNow));
    }
}
