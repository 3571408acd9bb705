package io.batchops.server.sms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * States of an SMS source server, as the real service names them. {@code blocksTaskDeletion} is the
 * service's constraint: while the server is connected and in one of these states its migration tasks
 * cannot be deleted.
 */
public enum MigrationSourceState {
    UNAVAILABLE(false),
    WAITING(false),
    INITIALIZE(true),
    REPLICATE(true),
    SYNCING(true),
    STOPPING(true),
    STOPPED(false),
    SKIPPING(true),
    DELETING(true),
    ERROR(false),
    CLONING(true),
    TESTING(false),
    CUTOVERING(true),
    FINISHED(false),
    CLEARING(true),
    CLEARED(false),
    CLEARFAILED(false),
    PREMIGING(true);

    private final boolean blocksTaskDeletion;

    MigrationSourceState(boolean blocksTaskDeletion) {
        this.blocksTaskDeletion = blocksTaskDeletion;
    }

    public boolean blocksTaskDeletion() {
        return blocksTaskDeletion;
    }

    /** The state an agent's copy state stands for: {@code INIT} is initialize, the others their own name. */
    public static MigrationSourceState ofCopyState(String copyState) {
        return "INIT".equals(copyState) ? INITIALIZE : of(copyState.toLowerCase(Locale.ROOT));
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MigrationSourceState of(String wireName) {
        return Arrays.stream(values())
                .filter(state -> state.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unexpected value '" + wireName + "'"));
    }
}
