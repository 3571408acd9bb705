package io.batchops.server.sms;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An SMS migration task of one source server, owned by an account (domain). Fixtures may leave out
 * everything but id, domain_id and source_id.
 */
public record MigrationTask(
        @JsonProperty("id") String id,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("name") String name,
        @JsonProperty("source_id") String sourceId,
        @JsonProperty("state") TaskState state,
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
        @JsonProperty("finish_date") Long finishDate) {
    /** A task given without a state is READY, as a new task is. */
    public MigrationTask {
        state = state == null ? TaskState.READY : state;
        Objects.requireNonNull(id, "id");
        // The same few account and server ids recur in every task: one copy each, not one per task
        // (1,200,000 seeded tasks took about 100 MB less; see bench/README.md).
        domainId = Objects.requireNonNull(domainId, "domain_id").intern();
        sourceId = Objects.requireNonNull(sourceId, "source_id").intern();
        name = name == null ? id : name;
        type = type == null ? "MIGRATE_BLOCK" : type;
        createDate = createDate == null ? System.currentTimeMillis() : createDate;
    }

    /** A task known only by what the deletion rules look at. */
    public MigrationTask(String id, String domainId, String name, String sourceId, TaskState state) {
        this(id, domainId, name, sourceId, state, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** A new task as {@code task} describes it, READY, created now. */
    static MigrationTask created(String id, String domainId, SmsTaskService.NewTask task) {
        return new MigrationTask(id, domainId, task.name(), task.sourceId(), TaskState.READY, task.type(), task.osType(),
                task.priority(), task.speedLimit(), task.startTargetServer(), task.migrationIp(), task.syncing(),
                task.targetName(), null, task.regionName(), task.regionId(), task.projectName(), task.projectId(),
                task.vmTemplateId(), null, null);
    }

    /** This task in {@code newState}, its dates kept. */
    public MigrationTask with(TaskState newState) {
        return with(newState, startDate, finishDate);
    }

    /** This task in {@code newState}, started and finished at the dates given (null: not yet). */
    public MigrationTask with(TaskState newState, Long newStartDate, Long newFinishDate) {
        return new MigrationTask(id, domainId, name, sourceId, newState, type, osType, priority, speedLimit,
                startTargetServer, migrationIp, syncing, targetName, createDate, regionName, regionId, projectName,
                projectId, vmTemplateId, newStartDate, newFinishDate);
    }
}
