package io.batchops.server.sms;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.timing.Move;
import io.batchops.server.timing.MoveTiming;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Objects;

/**
 * An SMS migration task of one source server, owned by an account (domain). {@code move}, when set,
 * is a change of state under way (ABORTING to ABORT) that ends as the {@link MoveTiming} decides, with
 * {@code finish_date} then. Fixtures may leave out everything but id, domain_id and source_id.
 */
@RecordBuilder
public record MigrationTask(
        @JsonProperty("id") String id,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("name") String name,
        @JsonProperty("source_id") String sourceId,
        @JsonProperty("state") MigrationTaskState state,
        @JsonProperty("type") String type,
        @JsonProperty("os_type") String osType,
        @JsonProperty("priority") Integer priority,
        @JsonProperty("speed_limit") Integer speedLimit,
        @JsonProperty("start_target_server") Boolean startTargetServer,
        @JsonProperty("migration_ip") String migrationIp,
        @JsonProperty("syncing") Boolean syncing,
        @JsonProperty("target_name") String targetName,
        @JsonProperty("create_date") Long createDate,
        @JsonProperty("region_name") String regionName,
        @JsonProperty("region_id") String regionId,
        @JsonProperty("project_name") String projectName,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("vm_template_id") String vmTemplateId,
        @JsonProperty("start_date") Long startDate,
        @JsonProperty("finish_date") Long finishDate,
        @JsonIgnore Move<MigrationTaskState> move) {
    /** A task given without a state is READY, as a new task is. */
    public MigrationTask {
        state = state == null ? MigrationTaskState.READY : state;
        Objects.requireNonNull(id, "id");
        // The same few account and server ids recur in every task: one copy each, not one per task
        // (1,200,000 seeded tasks took about 100 MB less; see bench/README.md).
        domainId = Objects.requireNonNull(domainId, "domain_id").intern();
        sourceId = Objects.requireNonNull(sourceId, "source_id").intern();
        name = name == null ? id : name;
        type = type == null ? "MIGRATE_BLOCK" : type;
        createDate = createDate == null ? System.currentTimeMillis() : createDate;
    }

    /** A task of {@code sourceId} in {@code domainId}, the rest to be set (fixtures leave it out). */
    public static MigrationTaskBuilder builder(String id, String domainId, String sourceId) {
        return MigrationTaskBuilder.builder().id(id).domainId(domainId).sourceId(sourceId);
    }

    /** A new task as {@code task} describes it, READY, created now. */
    static MigrationTask created(String id, String domainId, SmsTaskService.NewTask task) {
        return builder(id, domainId, task.sourceId()).name(task.name()).state(MigrationTaskState.READY).type(task.type())
                .osType(task.osType()).priority(task.priority()).speedLimit(task.speedLimit())
                .startTargetServer(task.startTargetServer()).migrationIp(task.migrationIp()).syncing(task.syncing())
                .targetName(task.targetName()).regionName(task.regionName()).regionId(task.regionId())
                .projectName(task.projectName()).projectId(task.projectId()).vmTemplateId(task.vmTemplateId()).build();
    }

    /** This task in {@code newState}, its dates kept, with no move under way. */
    public MigrationTask with(MigrationTaskState newState) {
        return with(newState, startDate, finishDate, null);
    }

    /** This task started at {@code now}: RUNNING, not finished. */
    MigrationTask started(Instant now) {
        return with(MigrationTaskState.RUNNING, now.toEpochMilli(), null, null);
    }

    /** This task ended at {@code now} in {@code finalState}. */
    MigrationTask finished(MigrationTaskState finalState, Instant now) {
        return with(finalState, startDate, now.toEpochMilli(), null);
    }

    /** This task passing through {@code through} on its way to {@code to}, from {@code now}. */
    MigrationTask moving(MigrationTaskState through, MigrationTaskState to, Instant now) {
        return with(through, startDate, finishDate, Move.toward(to, now));
    }

    /** This task as a read at {@code now} finds it; a move that ends is its finish. */
    MigrationTask observed(MoveTiming timing, Instant now) {
        if (move == null) {
            return this;
        }
        return move.afterRead(timing, now)
                .map(stillMoving -> with(state, startDate, finishDate, stillMoving))
                .orElseGet(() -> finished(move.to(), now));
    }

    /** This task with {@code newMove} under way (null: none), everything else kept: as a store gives it back. */
    public MigrationTask withMove(Move<MigrationTaskState> newMove) {
        return with(state, startDate, finishDate, newMove);
    }

    private MigrationTask with(MigrationTaskState newState, Long newStartDate, Long newFinishDate, Move<MigrationTaskState> newMove) {
        return MigrationTaskBuilder.builder(this).state(newState).startDate(newStartDate).finishDate(newFinishDate)
                .move(newMove).build();
    }
}
