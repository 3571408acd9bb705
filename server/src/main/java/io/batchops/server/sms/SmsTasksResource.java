package io.batchops.server.sms;

import io.batchops.server.auth.AuthFilter;
import io.batchops.server.auth.Authenticated;
import io.batchops.sms.api.TasksApi;
import io.batchops.sms.model.DeleteTasksReq;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** {@code POST /v3/tasks/delete}: HTTP in and out; the rules are {@link SmsTaskService}'s. */
@Authenticated
public final class SmsTasksResource implements TasksApi {
    private final SmsTaskService tasks;

    @Context
    private SecurityContext security;

    public SmsTasksResource(SmsTaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public Response deleteTasks(DeleteTasksReq request, String xAuthToken) {
        tasks.deleteTasks(AuthFilter.principal(security), request.getIds());
        return Response.ok(Map.of()).build();
    }
}
