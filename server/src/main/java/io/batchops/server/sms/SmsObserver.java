package io.batchops.server.sms;

import io.batchops.server.timing.MoveClock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An account's tasks and source servers as a read finds them now. Observing writes: a move under way
 * (ABORTING, stopping, clearing...) ends when the timing says so, and the ended move, or the read
 * that counts towards it, is stored.
 */
final class SmsObserver {
    private final MoveClock moveClock;

    SmsObserver(MoveClock moveClock) {
        this.moveClock = moveClock;
    }

    Instant now() {
        return moveClock.now();
    }

    Optional<MigrationTask> task(SmsAccount account, String id) {
        return account.task(id).map(task -> observe(account, task));
    }

    Optional<MigrationSource> source(SmsAccount account, String id) {
        return account.source(id).map(source -> observe(account, source));
    }

    /** Those of the source servers named that exist, by id, each as the read finds it. */
    Map<String, MigrationSource> sources(SmsAccount account, Collection<String> ids) {
        Map<String, MigrationSource> found = new LinkedHashMap<>(account.sourcesNamed(ids));
        found.replaceAll((id, source) -> observe(account, source));
        return found;
    }

    /** The source servers of these tasks that exist, by id, each as the read finds it. */
    Map<String, MigrationSource> sourcesOf(SmsAccount account, Collection<MigrationTask> tasks) {
        return sources(account, tasks.stream().map(MigrationTask::sourceId).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
    }

    List<MigrationTask> tasks(SmsAccount account) {
        return account.allTasks().stream().map(task -> observe(account, task)).toList();
    }

    /** Ends each move under way that is over: what a listing does first, so that it finds states as they are. */
    void settleTasks(SmsAccount account) {
        account.movingTasks().forEach(task -> observe(account, task));
    }

    List<MigrationSource> sources(SmsAccount account) {
        return account.allSources().stream().map(source -> observe(account, source)).toList();
    }

    private MigrationTask observe(SmsAccount account, MigrationTask task) {
        if (task.move() == null) {
            return task;
        }
        MigrationTask now = task.observed(moveClock.timing(), moveClock.now());
        account.put(now);
        return now;
    }

    private MigrationSource observe(SmsAccount account, MigrationSource source) {
        if (source.move() == null) {
            return source;
        }
        MigrationSource now = source.observed(moveClock.timing(), moveClock.now());
        account.put(now);
        return now;
    }
}
