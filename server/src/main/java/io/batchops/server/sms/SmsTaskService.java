package io.batchops.server.sms;

import io.batchops.server.auth.Action;
import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.listing.Listing;
import io.batchops.server.timing.MoveClock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The rules of SMS migration tasks. A batch deletion is all or nothing. */
public final class SmsTaskService {
    private final SmsStorage store;
    private final SmsObserver observer;

    public SmsTaskService(SmsStorage store, MoveClock moveClock) {
        this.store = store;
        this.observer = new SmsObserver(moveClock);
    }

    /**
     * Deletes every task named, or none: a permission, an unknown id or a blocking source server
     * refuses the whole batch. Ids named twice are deleted once.
     */
    public void deleteTasks(Principal caller, List<String> ids) {
        caller.require(Action.SMS_TASK_DELETE, resource(caller));
        Set<String> unique = new LinkedHashSet<>(ids);
        store.onTasks(caller.domainId(), unique, account -> {
            Map<String, MigrationTask> found = account.tasksNamed(unique);
            Map<String, MigrationSource> sources = observer.sourcesOf(account, found.values());
            List<String> missing = new ArrayList<>();
            List<String> blocked = new ArrayList<>();
            for (String id : unique) {
                MigrationTask task = found.get(id);
                if (task == null) {
                    missing.add(id);
                } else if (blocksDeletion(task, sources)) {
                    blocked.add(id);
                }
            }
            if (!missing.isEmpty()) {
                throw ApiException.withParams(ErrorCode.SMS_TASK_NOT_FOUND, missing, missing.size());
            }
            if (!blocked.isEmpty()) {
                throw ApiException.withParams(ErrorCode.SMS_TASK_NOT_DELETABLE, blocked, blocked.size());
            }
            unique.forEach(account::removeTask);
            return null;
        });
    }

    /** What a listing matches; null fields match everything. */
    public record Filter(MigrationTaskState state, String name, String id, String sourceServerId, String enterpriseProjectId) {
        /** The page from {@code offset} (default 0) of at most {@code limit} (default 50) matching tasks, oldest first. */
        Listing<MigrationTask> listing(Integer limit, Integer offset) {
            List<Listing.Condition<MigrationTask>> conditions = new ArrayList<>();
            if (!EnterpriseProjects.matchesDefault(enterpriseProjectId)) {
                conditions.add(Listing.nothing());
            }
            if (state != null) {
                conditions.add(new Listing.Equal<>(TaskFields.STATE, state.name()));
            }
            if (name != null) {
                conditions.add(new Listing.Contains<>(TaskFields.NAME, name));
            }
            if (id != null) {
                conditions.add(new Listing.Equal<>(TaskFields.ID, id));
            }
            if (sourceServerId != null) {
                conditions.add(new Listing.Equal<>(TaskFields.SOURCE, sourceServerId));
            }
            return new Listing<>(conditions, null, false, offset == null ? 0 : offset,
                    limit == null ? Page.DEFAULT_LIMIT : limit);
        }
    }

    /** A task and its source server, as a listing shows them. */
    public record TaskView(MigrationTask task, Optional<MigrationSource> source) {
    }

    /** A task to create, as the caller describes it. */
    public record NewTask(String name, String sourceId, String type, String osType, Integer priority, Integer speedLimit,
            Boolean startTargetServer, String migrationIp, Boolean syncing, String targetName, String regionName,
            String regionId, String projectName, String projectId, String vmTemplateId) {
    }

    /** Creates {@code task} for a source server of the caller's account, READY; answers its new id. */
    public String create(Principal caller, NewTask task) {
        caller.require(Action.SMS_TASK_CREATE, resource(caller));
        String id = UUID.randomUUID().toString();
        return store.inAccount(caller.domainId(), account -> {
            if (account.source(task.sourceId()).isEmpty()) {
                throw ApiException.withParams(ErrorCode.SMS_TASK_SOURCE_NOT_FOUND, List.of(task.sourceId()), task.sourceId());
            }
            account.put(MigrationTask.created(id, caller.domainId(), task));
            return id;
        });
    }

    public Page<TaskView> list(Principal caller, Filter filter, Integer limit, Integer offset) {
        caller.require(Action.SMS_TASK_LIST, resource(caller));
        return store.inAccount(caller.domainId(), account -> {
            observer.settleTasks(account);
            Listing.Result<MigrationTask> page = account.taskPage(filter.listing(limit, offset));
            Map<String, MigrationSource> sources = observer.sourcesOf(account, page.records());
            return new Page<>(page.total(), page.records().stream()
                    .map(task -> new TaskView(task, Optional.ofNullable(sources.get(task.sourceId())))).toList());
        });
    }

    public TaskView show(Principal caller, String id) {
        caller.require(Action.SMS_TASK_LIST, resource(caller));
        return store.inAccount(caller.domainId(), account -> observer.task(account, id)
                        .map(task -> new TaskView(task, observer.source(account, task.sourceId()))))
                .orElseThrow(() -> notFound(id));
    }

    /** Deletes one task: the batch deletion's rules, applied to one id. */
    public void deleteTask(Principal caller, String id) {
        deleteTasks(caller, List.of(id));
    }

    /** Starts, stops, restarts a task or runs one of its subtasks, as {@link TaskOperation} rules. */
    public void manage(Principal caller, String id, String operation) {
        caller.require(Action.SMS_TASK_MANAGE, resource(caller));
        TaskOperation wanted = TaskOperation.of(operation);
        store.inAccount(caller.domainId(), account -> {
            MigrationTask task = observer.task(account, id).orElseThrow(() -> notFound(id));
            Optional<MigrationSource> source = observer.source(account, task.sourceId());
            wanted.refusal(task, source).ifPresent(refusal -> {
                throw refusal;
            });
            wanted.applyTo(account, task, source, observer.now());
            return null;
        });
    }

    private static ApiException notFound(String id) {
        return ApiException.withParams(ErrorCode.SMS_TASK_NOT_FOUND, List.of(id), 1);
    }

    private static String resource(Principal caller) {
        return "sms::" + caller.domainId() + ":task:*";
    }

    /** The one place that decides whether a task may be deleted now: its source server, as it is now. */
    private static boolean blocksDeletion(MigrationTask task, Map<String, MigrationSource> sources) {
        MigrationSource source = sources.get(task.sourceId());
        return source != null && source.blocksTaskDeletion();
    }
}
