package io.batchops.server.drs;

import java.time.Clock;
import java.util.Collection;
import java.util.function.Function;

/** Where DRS keeps its projects: the store, seen from DRS (which does not depend on how it stores). */
public interface DrsStorage {

    /** Runs {@code work} as one unit over a DRS project's jobs. */
    <T> T inProject(String projectId, Function<DrsProject, T> work);

    /**
     * Runs {@code work} as one unit that reads and changes only the jobs named: units on other jobs of
     * the project need not wait for it (a store shared by instances lets them run at once), units over
     * the whole project do.
     */
    default <T> T onJobs(String projectId, Collection<String> jobIds, Function<DrsProject, T> work) {
        return inProject(projectId, work);
    }

    /**
     * Forgets every project's jobs whose {@link Job#deleteTime} is at or before {@code epochMillis},
     * each project's in units of work that other units on it wait for or that wait for them; answers
     * how many were forgotten.
     */
    long removeJobsDeletedBy(long epochMillis);

    /** The time moves under way are measured by: the database's, where several instances share one. */
    Clock clock();
}
