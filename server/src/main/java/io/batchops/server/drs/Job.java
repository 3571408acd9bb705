package io.batchops.server.drs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.timing.Move;
import io.batchops.server.timing.MoveTiming;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Objects;

/**
 * A DRS job (task) of one project. {@code move}, when set, is a move under way (CREATING to
 * CONFIGURATION, RELEASE_RESOURCE_STARTED to RELEASE_RESOURCE_COMPLETE) that completes as the
 * {@link MoveTiming} decides. {@code deleteTime} is when a DELETED job was deleted, by the control
 * clock ({@link JobRetention} says how long it is kept); no other status has one. Fixtures may
 * leave out everything but id, project_id and status.
 */
@RecordBuilder
public record Job(
        @JsonProperty("id") String id,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("name") String name,
        @JsonProperty("status") DrsJobStatus status,
        @JsonIgnore Move<DrsJobStatus> move,
        @JsonProperty("role") JobRole role,
        @JsonProperty("dual_active") boolean dualActive,
        @JsonProperty("description") String description,
        @JsonProperty("db_use_type") String dbUseType,
        @JsonProperty("engine_type") String engineType,
        @JsonProperty("job_direction") String jobDirection,
        @JsonProperty("net_type") String netType,
        @JsonProperty("task_type") String taskType,
        @JsonProperty("create_time") Long createTime,
        @JsonProperty("actual_start_time") Long actualStartTime,
        @JsonProperty("delete_time") Long deleteTime) {

    /** A job given without a role stands alone; without its profile, a MySQL migration into the cloud. */
    public Job {
        role = role == null ? JobRole.STANDALONE : role;
        Objects.requireNonNull(id, "id");
        // The same few project ids recur in every job: one copy each, not one per job.
        projectId = Objects.requireNonNull(projectId, "project_id").intern();
        Objects.requireNonNull(status, "status");
        name = name == null ? id : name;
        dbUseType = dbUseType == null ? "migration" : dbUseType;
        engineType = engineType == null ? "mysql" : engineType;
        jobDirection = jobDirection == null ? "up" : jobDirection;
        netType = netType == null ? "eip" : netType;
        taskType = taskType == null ? "FULL_INCR_TRANS" : taskType;
        createTime = createTime == null ? System.currentTimeMillis() : createTime;
        deleteTime = status == DrsJobStatus.DELETED ? deleteTime : null;
    }

    /** A job known only by what the stop and delete rules look at. */
    public Job(String id, String projectId, String name, DrsJobStatus status, JobRole role, boolean dualActive) {
        this(id, projectId, name, status, null, role, dualActive, null, null, null, null, null, null, null, null, null);
    }

    /** A new job as {@code job} describes it, created at {@code now}: CREATING, on its way to CONFIGURATION. */
    static Job created(String id, String projectId, DrsJobService.NewJob job, Instant now) {
        return new Job(id, projectId, job.name(), DrsJobStatus.CREATING, null, null, false, job.description(),
                job.dbUseType(), job.engineType(), job.jobDirection(), job.netType(), job.taskType(), now.toEpochMilli(),
                null, null).moving(DrsJobStatus.CREATING, DrsJobStatus.CONFIGURATION, now);
    }

    /** This job in {@code newStatus}, with no move under way; DELETED at {@code now} (the control clock's) if that is the status. */
    public Job withStatus(DrsJobStatus newStatus, Instant now) {
        return newStatus == DrsJobStatus.DELETED ? deleted(now) : withStatus(newStatus);
    }

    /** This job in {@code newStatus}, not DELETED (which has a time: {@link #deleted}), with no move under way. */
    Job withStatus(DrsJobStatus newStatus) {
        if (newStatus == DrsJobStatus.DELETED) {
            throw new IllegalArgumentException("a deletion has a time: Job.deleted");
        }
        return with(newStatus, null);
    }

    /** This job deleted at {@code now}, by the control clock. */
    Job deleted(Instant now) {
        return JobBuilder.builder(this).status(DrsJobStatus.DELETED).move(null).deleteTime(now.toEpochMilli()).build();
    }

    /** This job as loaded at {@code now}: a DELETED one given without its time of deletion was deleted then. */
    public Job loadedAt(Instant now) {
        return status == DrsJobStatus.DELETED && deleteTime == null ? deleted(now) : this;
    }

    /** This job started at {@code now}: passing through STARTJOBING to its first transfer status. */
    public Job started(Instant now) {
        DrsJobStatus transfer = "INCR_TRANS".equals(taskType) ? DrsJobStatus.INCRE_TRANSFER_STARTED : DrsJobStatus.FULL_TRANSFER_STARTED;
        return JobBuilder.builder(this).status(DrsJobStatus.STARTJOBING).move(Move.toward(transfer, now))
                .actualStartTime(now.toEpochMilli()).build();
    }

    /** This job passing through {@code through} on its way to {@code to}, from {@code now}. */
    public Job moving(DrsJobStatus through, DrsJobStatus to, Instant now) {
        return with(through, Move.toward(to, now));
    }

    /** This job as a read at {@code now} finds it: a move under way is over once {@code timing} says so. */
    public Job observed(MoveTiming timing, Instant now) {
        if (move == null) {
            return this;
        }
        return move.afterRead(timing, now)
                .map(stillMoving -> with(status, stillMoving))
                .orElseGet(() -> withStatus(move.to()));
    }

    /** This job with {@code newMove} under way (null: none), everything else kept: as a store gives it back. */
    public Job withMove(Move<DrsJobStatus> newMove) {
        return with(status, newMove);
    }

    private Job with(DrsJobStatus newStatus, Move<DrsJobStatus> newMove) {
        return JobBuilder.builder(this).status(newStatus).move(newMove).build();
    }
}
