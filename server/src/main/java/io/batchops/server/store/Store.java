package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SourceServer;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the state lives. Work is done in units, one tenant at a time: everything a unit reads and
 * writes is isolated from every other unit on the same tenant, so a batch is checked and applied as
 * one step and two requests never both succeed on the same task or job. A tenant's unit sees only
 * that tenant's data. Within a unit, a read sees the unit's own writes.
 */
public interface Store extends AutoCloseable {

    /** Runs {@code work} as one unit over an SMS account's (domain's) source servers and tasks. */
    <T> T inAccount(String domainId, Function<Account, T> work);

    /** Runs {@code work} as one unit over a DRS project's jobs. */
    <T> T inProject(String projectId, Function<Project, T> work);

    /** Forgets everything. */
    void clear();

    /**
     * Every tenant's records, tenants by id, each tenant's oldest first; each tenant is read as one
     * unit of work.
     */
    Fixtures snapshot();

    /** The time moves under way are measured by: the database's, where several instances share one. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** Lets go of what the store holds open (a database's connections); the state itself stays. */
    @Override
    default void close() {
    }

    /** One SMS account's data, inside a unit of work. */
    interface Account {
        Optional<MigrationTask> task(String id);

        Optional<SourceServer> source(String id);

        /** Those of the tasks named that exist, by id: one read for a batch, where a database serves. */
        default Map<String, MigrationTask> tasks(Collection<String> ids) {
            return found(ids, this::task);
        }

        /** Those of the source servers named that exist, by id. */
        default Map<String, SourceServer> sources(Collection<String> ids) {
            return found(ids, this::source);
        }

        /** Every task of the account, oldest first. */
        List<MigrationTask> tasks();

        /** The page of the account's tasks that {@code listing} asks for: a database reads only that page. */
        default Listing.Result<MigrationTask> tasks(Listing<MigrationTask> listing) {
            return listing.of(tasks());
        }

        /** The tasks with a move under way, oldest first. */
        default List<MigrationTask> movingTasks() {
            return tasks().stream().filter(task -> task.move() != null).toList();
        }

        /** Every source server of the account, oldest registration first. */
        List<SourceServer> sources();

        void put(MigrationTask task);

        void put(SourceServer source);

        void removeTask(String id);

        void removeSource(String id);
    }

    /** One DRS project's data, inside a unit of work. */
    interface Project {
        Optional<Job> job(String id);

        /** Those of the jobs named that exist, by id: one read for a batch, where a database serves. */
        default Map<String, Job> jobs(Collection<String> ids) {
            return found(ids, this::job);
        }

        /** Every job of the project, oldest first. */
        List<Job> jobs();

        /** The page of the project's jobs that {@code listing} asks for: a database reads only that page. */
        default Listing.Result<Job> jobs(Listing<Job> listing) {
            return listing.of(jobs());
        }

        /** The jobs with a transition under way, oldest first. */
        default List<Job> movingJobs() {
            return jobs().stream().filter(job -> job.transition() != null).toList();
        }

        void put(Job job);
    }

    private static <R> Map<String, R> found(Collection<String> ids, Function<String, Optional<R>> find) {
        // Sized for every id up front: growing it in steps cost a batch more than its lookups.
        Map<String, R> found = new LinkedHashMap<>((int) (ids.size() / 0.75f) + 1);
        for (String id : ids) {
            find.apply(id).ifPresent(record -> found.put(id, record));
        }
        return found;
    }
}
