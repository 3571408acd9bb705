package io.batchops.server.sms;

import io.batchops.server.auth.AuthenticatedResource;
import io.batchops.server.auth.Authenticated;
import io.batchops.server.request.CloudApi;
import io.batchops.server.json.Json;
import io.batchops.sms.api.SourcesApi;
import io.batchops.sms.model.DeleteIds;
import io.batchops.sms.model.IdResp;
import io.batchops.sms.model.ListServersResp;
import io.batchops.sms.model.MigrationCycle;
import io.batchops.sms.model.Overview;
import io.batchops.sms.model.PostSourceServerBody;
import io.batchops.sms.model.PutCopyStateReq;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** {@code /v3/sources}: HTTP in and out; the rules are {@link SmsSourceService}'s. */
@Authenticated
@CloudApi
public final class SmsSourcesResource extends AuthenticatedResource implements SourcesApi {
    private final SmsSourceService sources;

    public SmsSourcesResource(SmsSourceService sources) {
        this.sources = sources;
    }

    @Override
    public Response registerServer(PostSourceServerBody body, String xAuthToken) {
        MigrationSourceState state = body.getState() == null ? MigrationSourceState.UNAVAILABLE
                : MigrationSourceState.of(body.getState().toString());
        SmsSourceService.Registration registration = new SmsSourceService.Registration(body.getId(), body.getDomainId(),
                body.getName(), state, body.getIp(), body.getHostname(), body.getOsType().value(), body.getOsVersion(),
                body.getFirmware() == null ? null : body.getFirmware().value(), body.getCpuQuantity(), body.getMemory(),
                body.getAgentVersion(), body.getKernelVersion(), body.getOemSystem(),
                body.getMigrationCycle() == null ? null : body.getMigrationCycle().toString());
        String id = sources.register(caller(), registration);
        return Response.ok(new IdResp().id(id)).build();
    }

    @Override
    public Response listServers(String xAuthToken, io.batchops.sms.model.SourceServerState state, String name, String id,
            String ip, Boolean connected, MigrationCycle migrationCycle, String migproject, Boolean isConsistencyResultExist,
            String enterpriseProjectId, Integer limit, Integer offset) {
        SmsSourceService.Filter filter = new SmsSourceService.Filter(state == null ? null : state.toString(), name, id, ip,
                connected, migrationCycle == null ? null : migrationCycle.toString(), isConsistencyResultExist,
                enterpriseProjectId);
        Page<MigrationSource> page = sources.list(caller(), filter, limit, offset);
        return Response.ok(new ListServersResp().count(page.count())
                .sourceServers(page.entries().stream().map(SmsSourcesResource::sourceServer).toList())).build();
    }

    @Override
    public Response showServer(String sourceId, String xAuthToken) {
        return Response.ok(sourceServer(sources.show(caller(), sourceId))).build();
    }

    @Override
    public Response showOverview(String xAuthToken) {
        return Response.ok(Json.MAPPER.convertValue(sources.overview(caller()), Overview.class)).build();
    }

    @Override
    public Response updateCopyState(String sourceId, PutCopyStateReq report, String xAuthToken) {
        sources.reportCopyState(caller(), sourceId,
                report.getCopystate() == null ? null : MigrationSourceState.ofCopyState(report.getCopystate().toString()),
                report.getMigrationcycle() == null ? null : report.getMigrationcycle().toString());
        return Response.ok(Map.of()).build();
    }

    @Override
    public Response deleteServer(String sourceId, String xAuthToken) {
        sources.deleteServers(caller(), List.of(sourceId));
        return Response.ok(Map.of()).build();
    }

    @Override
    public Response deleteServers(DeleteIds request, String xAuthToken) {
        sources.deleteServers(caller(), request.getIds());
        return Response.ok(Map.of()).build();
    }

    private static io.batchops.sms.model.SourceServer sourceServer(MigrationSource server) {
        return new io.batchops.sms.model.SourceServer().id(server.id()).ip(server.ip()).name(server.name())
                .hostname(server.hostname()).enterpriseProjectId(EnterpriseProjects.DEFAULT).addDate(server.addDate())
                .osType(server.osType()).osVersion(server.osVersion()).oemSystem(server.oemSystem())
                .state(io.batchops.sms.model.SourceServerState.fromValue(server.state().wireName()))
                .connected(server.connected()).firmware(server.firmware()).cpuQuantity(server.cpuQuantity())
                .memory(server.memory()).agentVersion(server.agentVersion()).kernelVersion(server.kernelVersion())
                .migrationCycle(server.migrationCycle() == null ? null : MigrationCycle.fromValue(server.migrationCycle()));
    }
}
