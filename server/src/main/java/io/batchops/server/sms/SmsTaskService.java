package io.batchops.server.sms;

import io.batchops.server.auth.Action;
import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.store.MigrationTask;
import io.batchops.server.store.SourceServer;
import io.batchops.server.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules of SMS migration tasks. A batch deletion is all or nothing. */
public final class SmsTaskService {
    private final Store store;

    public SmsTaskService(Store store) {
        this.store = store;
    }

    /**
     * Deletes every task named, or none: a permission, an unknown id or a blocking source server
     * refuses the whole batch. Ids named twice are deleted once.
     */
    public void deleteTasks(Principal caller, List<String> ids) {
        caller.require(Action.SMS_TASK_DELETE, "sms::" + caller.domainId() + ":task:*");
        Set<String> unique = new LinkedHashSet<>(ids);
        store.inAccount(caller.domainId(), account -> {
            List<String> missing = new ArrayList<>();
            List<String> blocked = new ArrayList<>();
            for (String id : unique) {
                Optional<MigrationTask> task = account.task(id);
                if (task.isEmpty()) {
                    missing.add(id);
                } else if (blocksDeletion(account, task.get())) {
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

    /** The one place that decides whether a task may be deleted now. */
    static boolean blocksDeletion(Store.Account account, MigrationTask task) {
        return account.source(task.sourceId()).map(SourceServer::blocksTaskDeletion).orElse(false);
    }
}
