package io.batchops.server.store;

import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.sms.MigrationTaskState;
import java.util.EnumMap;
import java.util.Map;

/** How many records the store holds in each state, every state listed (zero included). */
public record StoredCounts(Map<MigrationTaskState, Long> tasks, Map<MigrationSourceState, Long> sources,
        Map<DrsJobStatus, Long> jobs) {

    /** Counts being gathered: every state at zero, then {@link #add}ed to. */
    static StoredCounts zero() {
        return new StoredCounts(zeros(MigrationTaskState.class), zeros(MigrationSourceState.class), zeros(DrsJobStatus.class));
    }

    static <S extends Enum<S>> void add(Map<S, Long> counts, S state, long count) {
        counts.merge(state, count, Long::sum);
    }

    private static <S extends Enum<S>> Map<S, Long> zeros(Class<S> states) {
        Map<S, Long> counts = new EnumMap<>(states);
        for (S state : states.getEnumConstants()) {
            counts.put(state, 0L);
        }
        return counts;
    }
}
