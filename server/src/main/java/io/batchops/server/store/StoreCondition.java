package io.batchops.server.store;

import java.time.Instant;

/** Whether the store serves, and if not, why and since when. */
public record StoreCondition(boolean up, String reason, Instant since) {
    public static final StoreCondition UP = new StoreCondition(true, null, null);

    public static StoreCondition down(String reason, Instant since) {
        return new StoreCondition(false, reason, since);
    }
}
