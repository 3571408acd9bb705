package io.batchops.server.sms;

import io.batchops.server.listing.Listing;
import io.batchops.server.listing.Lookup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One SMS account's data, inside a unit of work. */
public interface SmsAccount {
    Optional<MigrationTask> task(String id);

    Optional<MigrationSource> source(String id);

    /** Those of the tasks named that exist, by id: one read for a batch, where a database serves. */
    default Map<String, MigrationTask> tasksNamed(Collection<String> ids) {
        return Lookup.found(ids, this::task);
    }

    /** Those of the source servers named that exist, by id. */
    default Map<String, MigrationSource> sourcesNamed(Collection<String> ids) {
        return Lookup.found(ids, this::source);
    }

    /** Every task of the account, oldest first: the whole account read, where a database serves. */
    List<MigrationTask> allTasks();

    /** The page of the account's tasks that {@code listing} asks for: a database reads only that page. */
    default Listing.Result<MigrationTask> taskPage(Listing<MigrationTask> listing) {
        return listing.of(allTasks());
    }

    /** The tasks with a move under way, oldest first. */
    default List<MigrationTask> movingTasks() {
        return allTasks().stream().filter(task -> task.move() != null).toList();
    }

    /** Every source server of the account, oldest registration first: all of them read. */
    List<MigrationSource> allSources();

    void put(MigrationTask task);

    void put(MigrationSource source);

    void removeTask(String id);

    void removeSource(String id);
}
