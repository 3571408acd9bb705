package io.batchops.server.sms;

import io.batchops.server.auth.AuthenticatedResource;
import io.batchops.server.auth.Authenticated;
import io.batchops.server.request.CloudApi;
import io.batchops.sms.api.TasksApi;
import io.batchops.sms.model.DeleteTasksReq;
import io.batchops.sms.model.IdResp;
import io.batchops.sms.model.ListTasksResp;
import io.batchops.sms.model.PostTask;
import io.batchops.sms.model.Task;
import io.batchops.sms.model.TaskSourceServer;
import io.batchops.sms.model.TaskState;
import io.batchops.sms.model.TaskTargetServer;
import io.batchops.sms.model.UpdateTaskStatusReq;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /v3/tasks}: HTTP in and out; the rules are {@link SmsTaskService}'s. */
@Authenticated
@CloudApi
public final class SmsTasksResource extends AuthenticatedResource implements TasksApi {
    private final SmsTaskService tasks;

    public SmsTasksResource(SmsTaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public Response createTask(PostTask request, String xAuthToken) {
        Object targetName = request.getTargetServer().get("name");
        SmsTaskService.NewTask task = new SmsTaskService.NewTask(request.getName(), request.getSourceServer().getId(),
                request.getType().value(), request.getOsType(), request.getPriority(), request.getSpeedLimit(),
                request.getStartTargetServer(), request.getMigrationIp(), request.getSyncing(),
                targetName == null ? null : targetName.toString(), request.getRegionName(), request.getRegionId(),
                request.getProjectName(), request.getProjectId(), request.getVmTemplateId());
        return Response.ok(new IdResp().id(tasks.create(caller(), task))).build();
    }

    @Override
    public Response listTasks(String xAuthToken, TaskState state, String name, String id, String sourceServerId,
            String enterpriseProjectId, Integer limit, Integer offset) {
        SmsTaskService.Filter filter = new SmsTaskService.Filter(
                state == null ? null : io.batchops.server.sms.MigrationTaskState.valueOf(state.name()), name, id, sourceServerId,
                enterpriseProjectId);
        Page<SmsTaskService.TaskView> page = tasks.list(caller(), filter, limit, offset);
        return Response.ok(new ListTasksResp().count(page.count())
                .tasks(page.entries().stream().map(SmsTasksResource::task).toList())).build();
    }

    @Override
    public Response showTask(String taskId, String xAuthToken) {
        return Response.ok(task(tasks.show(caller(), taskId))).build();
    }

    @Override
    public Response deleteTask(String taskId, String xAuthToken) {
        tasks.deleteTask(caller(), taskId);
        return Response.ok(Map.of()).build();
    }

    @Override
    public Response updateTaskStatus(String taskId, UpdateTaskStatusReq request, String xAuthToken) {
        tasks.manage(caller(), taskId, request.getOperation().toString());
        return Response.ok(Map.of()).build();
    }

    @Override
    public Response deleteTasks(DeleteTasksReq request, String xAuthToken) {
        tasks.deleteTasks(caller(), request.getIds());
        return Response.ok(Map.of()).build();
    }

    private static Task task(SmsTaskService.TaskView view) {
        MigrationTask task = view.task();
        TaskSourceServer source = new TaskSourceServer().id(task.sourceId());
        view.source().ifPresent(server -> source.ip(server.ip()).name(server.name()).osType(server.osType())
                .osVersion(server.osVersion()).oemSystem(server.oemSystem()).state(server.state().wireName())
                .migrationCycle(server.migrationCycle()));
        return new Task().id(task.id()).name(task.name()).type(task.type()).osType(task.osType())
                .state(TaskState.valueOf(task.state().name())).createDate(task.createDate()).priority(task.priority())
                .speedLimit(task.speedLimit()).startTargetServer(task.startTargetServer())
                .migrationIp(task.migrationIp()).enterpriseProjectId(EnterpriseProjects.DEFAULT)
                .syncing(task.syncing()).sourceServer(source)
                .targetServer(task.targetName() == null ? null : new TaskTargetServer().name(task.targetName()))
                .regionName(task.regionName()).regionId(task.regionId()).projectName(task.projectName())
                .projectId(task.projectId()).vmTemplateId(task.vmTemplateId())
                .connected(view.source().map(MigrationSource::connected).orElse(null))
                .startDate(task.startDate()).finishDate(task.finishDate());
    }
}
