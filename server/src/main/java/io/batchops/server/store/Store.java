package io.batchops.server.store;

import io.batchops.server.drs.DrsStorage;
import io.batchops.server.sms.SmsStorage;
import java.time.Clock;

/**
 * Where the state lives. Work is done in units, one tenant at a time: everything a unit reads and
 * writes is isolated from every other unit on the same tenant, so a batch is checked and applied as
 * one step and two requests never both succeed on the same task or job. A tenant's unit sees only
 * that tenant's data. Within a unit, a read sees the unit's own writes.
 */
public interface Store extends SmsStorage, DrsStorage, AutoCloseable {

    /** Forgets everything. */
    void clear();

    /**
     * Every tenant's records, tenants by id, each tenant's oldest first; each tenant is read as one
     * unit of work.
     */
    StoredState snapshot();

    /** How many records each state holds, across every tenant; counted, not read. */
    StoredCounts counts();

    @Override
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** Whether the store serves now; read without touching a database. */
    default StoreCondition health() {
        return StoreCondition.UP;
    }

    /** Lets go of what the store holds open (a database's connections); the state itself stays. */
    @Override
    default void close() {
    }
}
