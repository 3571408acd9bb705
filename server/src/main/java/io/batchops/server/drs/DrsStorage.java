package io.batchops.server.drs;

import java.time.Clock;
import java.util.function.Function;

/** Where DRS keeps its projects: the store, seen from DRS (which does not depend on how it stores). */
public interface DrsStorage {

    /** Runs {@code work} as one unit over a DRS project's jobs. */
    <T> T inProject(String projectId, Function<DrsProject, T> work);

    /** The time moves under way are measured by: the database's, where several instances share one. */
    Clock clock();
}
