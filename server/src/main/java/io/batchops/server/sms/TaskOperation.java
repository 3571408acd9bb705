package io.batchops.server.sms;

import static io.batchops.server.sms.MigrationTaskState.ABORT;
import static io.batchops.server.sms.MigrationTaskState.ABORTING;
import static io.batchops.server.sms.MigrationTaskState.MIGRATE_FAIL;
import static io.batchops.server.sms.MigrationTaskState.MIGRATE_SUCCESS;
import static io.batchops.server.sms.MigrationTaskState.READY;
import static io.batchops.server.sms.MigrationTaskState.RUNNING;
import static io.batchops.server.sms.MigrationTaskState.SYNCING;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of UpdateTaskStatus ({@code POST /v3/tasks/{task_id}/action}) and the one set of
 * rules that decides, for a task and its source server, whether each is allowed and what it does. The
 * spec's operation description has the same table.
 */
enum TaskOperation {
    START(EnumSet.of(READY, ABORT, MIGRATE_FAIL), ErrorCode.SMS_TASK_NOT_STARTABLE, true),
    STOP(EnumSet.of(RUNNING, SYNCING), ErrorCode.SMS_TASK_NOT_STOPPABLE, false),
    RESTART(EnumSet.of(ABORT, MIGRATE_FAIL), ErrorCode.SMS_TASK_NOT_RESTARTABLE, true),
    SKIP(EnumSet.of(RUNNING, SYNCING), ErrorCode.SMS_TASK_OPERATION_REFUSED, false),
    CLEAR(EnumSet.of(MIGRATE_SUCCESS, MIGRATE_FAIL, ABORT), ErrorCode.SMS_TASK_OPERATION_REFUSED, false),
    TEST(EnumSet.of(SYNCING, MIGRATE_SUCCESS), ErrorCode.SMS_TASK_OPERATION_REFUSED, true),
    CLONE_TEST(EnumSet.of(SYNCING, MIGRATE_SUCCESS), ErrorCode.SMS_TASK_OPERATION_REFUSED, true),
    NETWORK_CHECK(EnumSet.of(READY, RUNNING, SYNCING), ErrorCode.SMS_TASK_OPERATION_REFUSED, true);

    private final Set<MigrationTaskState> allowedIn;
    private final ErrorCode refusedWith;
    /** Whether the agent on the source server carries it out, so that it must be connected. */
    private final boolean needsAgent;

    TaskOperation(Set<MigrationTaskState> allowedIn, ErrorCode refusedWith, boolean needsAgent) {
        this.allowedIn = allowedIn;
        this.refusedWith = refusedWith;
        this.needsAgent = needsAgent;
    }

    /** The operation as the wire names it ({@code clone_test}). */
    static TaskOperation of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why this operation may not be applied to {@code task} now, if it may not. */
    Optional<ApiException> refusal(MigrationTask task, Optional<MigrationSource> source) {
        if (!allowedIn.contains(task.state())) {
            String state = task.state().name();
            return Optional.of(refusedWith == ErrorCode.SMS_TASK_OPERATION_REFUSED
                    ? ApiException.withParams(refusedWith, List.of(state), wireName(), "the task is " + state)
                    : ApiException.withParams(refusedWith, List.of(state), state));
        }
        if (needsAgent && !source.map(MigrationSource::connected).orElse(false)) {
            return Optional.of(ApiException.withParams(ErrorCode.SMS_TASK_OPERATION_REFUSED, List.of(task.sourceId()),
                    wireName(), "the agent of source server " + task.sourceId() + " is not connected"));
        }
        return Optional.empty();
    }

    /** Applies this operation, begun at {@code now}; only called when {@link #refusal} found nothing. */
    void applyTo(SmsAccount account, MigrationTask task, Optional<MigrationSource> source, Instant now) {
        switch (this) {
            case START -> {
                account.put(task.started(now));
                source.ifPresent(server -> account.put(server.reported(MigrationSourceState.REPLICATE, "replicating")));
            }
            case RESTART -> {
                account.put(task.started(now));
                source.ifPresent(server -> account.put(server.reported(MigrationSourceState.INITIALIZE, "checking")));
            }
            case STOP -> {
                account.put(task.moving(ABORTING, ABORT, now));
                source.ifPresent(server -> account.put(
                        server.moving(MigrationSourceState.STOPPING, MigrationSourceState.STOPPED, now)));
            }
            case CLEAR -> source.ifPresent(server -> account.put(
                    server.moving(MigrationSourceState.CLEARING, MigrationSourceState.CLEARED, now)));
            case TEST -> source.ifPresent(server -> account.put(server.reported(MigrationSourceState.TESTING, null)));
            case CLONE_TEST -> source.ifPresent(server -> account.put(
                    server.moving(MigrationSourceState.CLONING, server.state(), now)));
            case SKIP, NETWORK_CHECK -> {
                // The consistency check is skipped, the network measured: nothing here keeps either.
            }
        }
    }
}
