package io.batchops.contract.control;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_DOMAIN;
import static io.batchops.contract.harness.TestServer.BOB_KEY;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static io.batchops.contract.harness.TestServer.CAROL_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchCreateJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchCreateJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchCreateJobsResponse;
import com.huaweicloud.sdk.drs.v3.model.BatchListJobDetailsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchListJobStatusRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchPauseJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchQueryJobReqPage;
import com.huaweicloud.sdk.drs.v3.model.BatchStartJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchStartJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchStopJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.CreateJobReq;
import com.huaweicloud.sdk.drs.v3.model.Endpoint;
import com.huaweicloud.sdk.drs.v3.model.PauseInfo;
import com.huaweicloud.sdk.drs.v3.model.QueryJobResp;
import com.huaweicloud.sdk.drs.v3.model.QueryJobStatusResp;
import com.huaweicloud.sdk.drs.v3.model.StartInfo;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.CreateTaskRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteIds;
import com.huaweicloud.sdk.sms.v3.model.DeleteServerRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteServersRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteTaskRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.ListServersRequest;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.PostSourceServerBody;
import com.huaweicloud.sdk.sms.v3.model.PostTask;
import com.huaweicloud.sdk.sms.v3.model.PutCopyStateReq;
import com.huaweicloud.sdk.sms.v3.model.RegisterServerRequest;
import com.huaweicloud.sdk.sms.v3.model.ShowOverviewRequest;
import com.huaweicloud.sdk.sms.v3.model.ShowServerRequest;
import com.huaweicloud.sdk.sms.v3.model.ShowTaskRequest;
import com.huaweicloud.sdk.sms.v3.model.SourceServerByTask;
import com.huaweicloud.sdk.sms.v3.model.TargetServerByTask;
import com.huaweicloud.sdk.sms.v3.model.UpdateCopyStateRequest;
import com.huaweicloud.sdk.sms.v3.model.UpdateTaskStatusReq;
import com.huaweicloud.sdk.sms.v3.model.UpdateTaskStatusRequest;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operations around the batch ones, driven as users drive them: the official SDK for the
 * services (the documented flows, {@link #smsWorkedExample} and {@link #drsWorkedExample}, the README's
 * worked examples, with no control-API call), the control API for states no API reaches, and the
 * transitions with each timing.
 */
class LifecycleTest {
    private static final String ADMIN = TestServer.ADMIN_TOKEN;


    private static String registerSource(SmsClient sms, String name, PostSourceServerBody.StateEnum state) {
        return sms.registerServer(new RegisterServerRequest().withBody(new PostSourceServerBody()
                .withIp("10.0.0." + name.length()).withName(name).withOsType(PostSourceServerBody.OsTypeEnum.LINUX)
                .withOsVersion("CENTOS_7_9_64BIT").withFirmware(PostSourceServerBody.FirmwareEnum.BIOS)
                .withCpuQuantity(4).withMemory(8L << 30).withHasRsync(true).withState(state))).getId();
    }

    private static String createTask(SmsClient sms, String name, String sourceId) {
        return sms.createTask(new CreateTaskRequest().withBody(new PostTask().withName(name)
                .withType(PostTask.TypeEnum.MIGRATE_BLOCK).withOsType("LINUX").withStartTargetServer(true)
                .withRegionName("cn-north-4").withRegionId("cn-north-4").withProjectName("cn-north-4")
                .withProjectId(ALICE_PROJECT).withSourceServer(new SourceServerByTask().withId(sourceId))
                .withTargetServer(new TargetServerByTask().withName(name + "-target").withVmId("vm-1")))).getId();
    }

    /**
     * Huawei's "pausing and deleting a migration task", with the SDK alone: the agent syncs, the delete
     * is refused, the task is stopped and polled until paused, then it and its source server are deleted.
     */
    @Test
    void smsWorkedExample() {
        Seed.empty().load();
        SmsClient sms = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        String source = registerSource(sms, "db-01", PostSourceServerBody.StateEnum.STOPPED);
        String task = createTask(sms, "migrate-db-01", source);
        assertEquals("READY", sms.showTask(new ShowTaskRequest().withTaskId(task)).getState());

        sms.updateTaskStatus(new UpdateTaskStatusRequest().withTaskId(task)
                .withBody(new UpdateTaskStatusReq().withOperation(UpdateTaskStatusReq.OperationEnum.START)));
        sms.updateCopyState(new UpdateCopyStateRequest().withSourceId(source).withBody(new PutCopyStateReq()
                .withCopystate(PutCopyStateReq.CopystateEnum.SYNCING)
                .withMigrationcycle(PutCopyStateReq.MigrationcycleEnum.SYNCING)));
        var syncing = sms.showTask(new ShowTaskRequest().withTaskId(task));
        assertEquals("SYNCING", syncing.getState());
        assertEquals("syncing", syncing.getSourceServer().getState().getValue());
        assertTrue(syncing.getStartDate() > 0);

        ServiceResponseException busy = assertThrows(ServiceResponseException.class, () -> sms.deleteTasks(
                new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of(task)))));
        assertEquals("SMS.2015", busy.getErrorCode());

        sms.updateTaskStatus(new UpdateTaskStatusRequest().withTaskId(task)
                .withBody(new UpdateTaskStatusReq().withOperation(UpdateTaskStatusReq.OperationEnum.STOP)));
        String state = null;
        for (int poll = 0; poll < 10 && !"ABORT".equals(state); poll++) {
            state = sms.showTask(new ShowTaskRequest().withTaskId(task)).getState();
        }
        assertEquals("ABORT", state, "the stopped task is paused");
        assertEquals("stopped", sms.showServer(new ShowServerRequest().withSourceId(source)).getState().getValue());

        sms.deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of(task))));
        assertEquals(200, sms.deleteServer(new DeleteServerRequest().withSourceId(source)).getHttpStatusCode());
        assertEquals(0, sms.listServers(new ListServersRequest()).getCount());
        assertEquals(0, sms.listTasks(new ListTasksRequest()).getCount());
    }

    /** The SDK's overview and batch deletion of source servers, which take their tasks with them. */
    @Test
    void theSdkCountsAndDeletesSourceServersInBatches() {
        Seed.empty().load();
        SmsClient sms = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        String web = registerSource(sms, "web-01", PostSourceServerBody.StateEnum.STOPPED);
        String db = registerSource(sms, "db-01", PostSourceServerBody.StateEnum.STOPPED);
        createTask(sms, "migrate-db-01", db);
        var overview = sms.showOverview(new ShowOverviewRequest());
        assertEquals(2, overview.getStopped());
        assertEquals(1, overview.getUnconfigured());

        sms.deleteServers(new DeleteServersRequest().withBody(new DeleteIds().withIds(List.of(web, db))));
        assertEquals(0, sms.listServers(new ListServersRequest()).getCount());
        assertEquals(0, sms.listTasks(new ListTasksRequest()).getCount());
        ServiceResponseException gone = assertThrows(ServiceResponseException.class,
                () -> sms.deleteServers(new DeleteServersRequest().withBody(new DeleteIds().withIds(List.of(web)))));
        assertEquals("SMS.1803", gone.getErrorCode());
    }

    @Test
    void listingsFilterAndPage() {
        Seed.empty().load();
        SmsClient sms = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        String busy = registerSource(sms, "busy", PostSourceServerBody.StateEnum.SYNCING);
        String idle = registerSource(sms, "idle-server", PostSourceServerBody.StateEnum.STOPPED);
        List<String> tasks = IntStream.range(0, 7).mapToObj(i -> createTask(sms, "task-" + i, i % 2 == 0 ? busy : idle)).toList();

        var all = sms.listTasks(new ListTasksRequest());
        assertEquals(7, all.getCount());
        assertEquals(tasks, all.getTasks().stream().map(t -> t.getId()).toList(), "oldest first");
        var page = sms.listTasks(new ListTasksRequest().withLimit(3).withOffset(5));
        assertEquals(7, page.getCount());
        assertEquals(tasks.subList(5, 7), page.getTasks().stream().map(t -> t.getId()).toList());
        var ofBusy = sms.listTasks(new ListTasksRequest().withSourceServerId(busy));
        assertEquals(4, ofBusy.getCount());
        var named = sms.listTasks(new ListTasksRequest().withName("task-3"));
        assertEquals(List.of(tasks.get(3)), named.getTasks().stream().map(t -> t.getId()).toList());
        assertEquals(0, sms.listTasks(new ListTasksRequest().withState(ListTasksRequest.StateEnum.RUNNING)).getCount());
        assertEquals(7, sms.listTasks(new ListTasksRequest().withState(ListTasksRequest.StateEnum.READY)).getCount());

        var servers = sms.listServers(new ListServersRequest().withState(ListServersRequest.StateEnum.STOPPED));
        assertEquals(List.of(idle), servers.getSourceServers().stream().map(s -> s.getId()).toList());
        assertEquals(2, sms.listServers(new ListServersRequest().withConnected(true)).getCount());
        assertEquals(0, sms.listServers(new ListServersRequest().withConnected(false)).getCount());
        assertEquals(1, sms.listServers(new ListServersRequest().withName("idle")).getCount());
    }

    @Test
    void anotherAccountSeesNothingAndCannotBuildOnIt() {
        Seed.empty().load();
        SmsClient alice = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        String source = registerSource(alice, "web-01", PostSourceServerBody.StateEnum.STOPPED);
        String task = createTask(alice, "migrate-web-01", source);
        SmsClient bob = Sdk.sms(BOB_KEY, BOB_DOMAIN);
        assertEquals(0, bob.listServers(new ListServersRequest()).getCount());
        assertEquals(0, bob.listTasks(new ListTasksRequest()).getCount());
        assertEquals("SMS.1803", assertThrows(ServiceResponseException.class,
                () -> bob.showServer(new ShowServerRequest().withSourceId(source))).getErrorCode());
        assertEquals("SMS.1802", assertThrows(ServiceResponseException.class,
                () -> bob.showTask(new ShowTaskRequest().withTaskId(task))).getErrorCode());
        assertEquals("SMS.2216", assertThrows(ServiceResponseException.class,
                () -> createTask(bob, "steal", source)).getErrorCode());
        assertEquals("SMS.1802", assertThrows(ServiceResponseException.class,
                () -> bob.deleteTask(new DeleteTaskRequest().withTaskId(task))).getErrorCode());
        assertTrue(State.taskExists(ALICE_DOMAIN, task));
    }

    @Test
    void readsAndCreationNeedTheirActions() {
        Seed.empty().load();
        for (String path : List.of("/v3/sources", "/v3/tasks")) {
            Exchange denied = Wire.to(Contract.SMS, "GET", path).token(CAROL_TOKEN).send();
            assertEquals(403, denied.status(), denied::toString);
            assertEquals("SMS.9004", denied.errorCode());
        }
        Exchange drs = Wire.to(Contract.DRS, "POST", "/v3/" + ALICE_PROJECT + "/jobs").token(CAROL_TOKEN)
                .body(Map.of("cur_page", 1, "per_page", 10, "db_use_type", "migration")).send();
        assertEquals("DRS.M00102", drs.errorCode(), drs::toString);
    }

    private static BatchCreateJobsRequest createJobs(String... names) {
        List<CreateJobReq> jobs = java.util.Arrays.stream(names).map(name -> new CreateJobReq().withName(name)
                .withDbUseType(CreateJobReq.DbUseTypeEnum.MIGRATION).withEngineType(CreateJobReq.EngineTypeEnum.MYSQL)
                .withJobDirection(CreateJobReq.JobDirectionEnum.UP).withNetType(CreateJobReq.NetTypeEnum.EIP)
                .withNodeType(CreateJobReq.NodeTypeEnum.HIGH).withTaskType(CreateJobReq.TaskTypeEnum.FULL_INCR_TRANS)
                .withIsTargetReadonly(true).withBindEip(true)
                .withSourceEndpoint(new Endpoint().withDbType(Endpoint.DbTypeEnum.MYSQL).withIp("192.168.0.20")
                        .withDbPort(3306).withDbUser("root").withDbPassword("secret"))
                .withTargetEndpoint(new Endpoint().withDbType(Endpoint.DbTypeEnum.MYSQL).withInstId("rds-1")
                        .withDbUser("root").withDbPassword("secret"))).toList();
        return new BatchCreateJobsRequest().withBody(new BatchCreateJobReq().withJobs(jobs));
    }

    private static List<String> statuses(DrsClient drs, List<String> ids) {
        return drs.batchListJobStatus(new BatchListJobStatusRequest().withBody(new BatchQueryJobReqPage().withJobs(ids)))
                .getResults().stream().map(QueryJobStatusResp::getStatus)
                .map(status -> status == null ? "none" : status.getValue()).toList();
    }

    private static void timing(Map<String, Object> timing) {
        Exchange set = Wire.admin("PUT", "/_batchops/timing").body(timing).send();
        assertEquals(200, set.status(), set::toString);
    }

    /** DRS with the SDK alone: create, detail, start, pause, terminate, watch the status, delete. */
    @Test
    void drsWorkedExample() {
        Seed.empty().load();
        DrsClient drs = Sdk.drs(ALICE_KEY, ALICE_PROJECT);
        BatchCreateJobsResponse created = drs.batchCreateJobs(createJobs("mysql-to-rds"));
        assertEquals(202, created.getHttpStatusCode());
        assertEquals("CREATING", created.getResults().get(0).getStatus());
        String job = created.getResults().get(0).getId();

        var detail = drs.batchListJobDetails(new BatchListJobDetailsRequest()
                .withBody(new BatchQueryJobReqPage().withJobs(List.of(job)))).getResults().get(0);
        assertEquals("CONFIGURATION", detail.getStatus().getValue(), "immediate: the next read finds it created");
        assertEquals("mysql-to-rds", detail.getName());
        assertEquals(QueryJobResp.TaskTypeEnum.FULL_INCR_TRANS, detail.getTaskType());

        assertEquals(List.of("success"), results(drs.batchStartJobs(new BatchStartJobsRequest().withBody(
                new BatchStartJobReq().withJobs(List.of(new StartInfo().withJobId(job))))).getResults()));
        assertEquals(List.of("FULL_TRANSFER_STARTED"), statuses(drs, List.of(job)));
        assertEquals(List.of("delete:DRS.M00304"), batch(drs, "delete", job), "a running job must be stopped first");

        assertEquals(List.of("success"), results(drs.batchStopJobs(new BatchStopJobsRequest().withBody(
                new BatchPauseJobReq().withJobs(List.of(new PauseInfo().withJobId(job)
                        .withPauseMode(PauseInfo.PauseModeEnum.ALL))))).getResults()));
        assertEquals(List.of("PAUSING"), statuses(drs, List.of(job)), "PAUSING is paused, and stays");
        assertEquals(List.of("PAUSING"), statuses(drs, List.of(job)));

        assertEquals(List.of("terminate:success"), batch(drs, "terminate", job), "a paused job can be stopped");
        String status = null;
        for (int poll = 0; poll < 10 && !"RELEASE_RESOURCE_COMPLETE".equals(status); poll++) {
            status = statuses(drs, List.of(job)).get(0);
        }
        assertEquals("RELEASE_RESOURCE_COMPLETE", status);
        assertEquals(List.of("delete:success"), batch(drs, "delete", job));
        assertEquals(List.of("DELETED"), statuses(drs, List.of(job)));
    }

    /** Each result of a start or pause batch as {@code success} or its error code. */
    private static List<String> results(List<? extends Object> results) {
        return results.stream().map(result -> {
            JsonNode json = Exchange.MAPPER.valueToTree(result);
            return json.path("error_code").isTextual() ? json.path("error_code").asText() : json.path("status").asText();
        }).toList();
    }

    private static List<String> batch(DrsClient drs, String type, String job) {
        return drs.batchDeleteJobs(new com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest().withBody(
                        new com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq().withJobs(List.of(
                                new com.huaweicloud.sdk.drs.v3.model.DeleteJobReq()
                                        .withDeleteType(com.huaweicloud.sdk.drs.v3.model.DeleteJobReq.DeleteTypeEnum.fromValue(type))
                                        .withJobId(job)))))
                .getResults().stream().map(result -> type + ":" + (result.getErrorCode() == null ? "success" : result.getErrorCode()))
                .toList();
    }

    @Test
    void transitionsCanTakeSeveralReads() {
        Seed.empty().load();
        timing(Map.of("mode", "reads", "reads", 3));
        DrsClient drs = Sdk.drs(ALICE_KEY, ALICE_PROJECT);
        String job = drs.batchCreateJobs(createJobs("slow-job")).getResults().get(0).getId();
        assertEquals(List.of("CREATING"), statuses(drs, List.of(job)));
        assertEquals(List.of("CREATING", "CREATING"), statuses(drs, List.of(job, job)), "a request reads a job once");
        assertEquals(List.of("CONFIGURATION"), statuses(drs, List.of(job)));

        Wire.admin("PUT", "/_batchops/drs/projects/" + ALICE_PROJECT + "/jobs/" + job + "/status").body(Map.of("status", "FULL_TRANSFER_STARTED")).send();
        assertEquals(List.of("terminate:success"), batch(drs, "terminate", job));
        assertEquals(List.of("RELEASE_RESOURCE_STARTED"), statuses(drs, List.of(job)));
        assertEquals(List.of("delete:DRS.M01504"), batch(drs, "delete", job), "still releasing: busy");
        assertEquals(List.of("delete:success"), batch(drs, "delete", job), "the third read finds it released");
    }

    @Test
    void transitionsCanTakeTime() throws InterruptedException {
        Seed.empty().load();
        timing(Map.of("mode", "delay", "delay_ms", 300));
        DrsClient drs = Sdk.drs(ALICE_KEY, ALICE_PROJECT);
        String job = drs.batchCreateJobs(createJobs("timed-job")).getResults().get(0).getId();
        assertEquals(List.of("CREATING"), statuses(drs, List.of(job)));
        Thread.sleep(400);
        assertEquals(List.of("CONFIGURATION"), statuses(drs, List.of(job)));
    }

    @Test
    void jobListingsFilterPageAndHideDeletedJobs() {
        Seed.empty()
                .job("a-running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("b-deleted", ALICE_PROJECT, JobStatus.DELETED)
                .job("c-released", ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE)
                .job("d-running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("bobs", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .load();
        JsonNode all = listJobs(Map.of("cur_page", 1, "per_page", 10, "db_use_type", "migration"));
        assertEquals(3, all.get("total_record").asInt());
        assertEquals(List.of("a-running", "c-released", "d-running"), ids(all));
        JsonNode second = listJobs(Map.of("cur_page", 2, "per_page", 2, "db_use_type", "migration"));
        assertEquals(3, second.get("total_record").asInt());
        assertEquals(List.of("d-running"), ids(second));
        JsonNode running = listJobs(Map.of("cur_page", 1, "per_page", 10, "db_use_type", "migration",
                "status", "INCRE_TRANSFER_STARTED", "sort_key", "name", "sort_dir", "desc"));
        assertEquals(List.of("d-running", "a-running"), ids(running));
        assertEquals(0, listJobs(Map.of("cur_page", 1, "per_page", 10, "db_use_type", "sync")).get("total_record").asInt());
    }

    private static JsonNode listJobs(Map<String, Object> query) {
        Exchange answer = Wire.to(Contract.DRS, "POST", "/v3/" + ALICE_PROJECT + "/jobs").token(ALICE_TOKEN).body(query).send();
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("jobs").forEach(job -> ids.add(job.get("id").asText()));
        return ids;
    }

    @Test
    void theControlApiHasItsOwnCredential() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1")).load();
        for (String token : List.of(ALICE_TOKEN, "wrong", "")) {
            Exchange refused = Wire.to(Contract.ADMIN, "POST", "/_batchops/reset").header("X-Batchops-Admin-Token", token).send();
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("BATCHOPS.0401", refused.errorCode());
        }
        Exchange none = Wire.to(Contract.ADMIN, "POST", "/_batchops/reset").send();
        assertEquals(401, none.status(), none::toString);
        assertTrue(State.taskExists(ALICE_DOMAIN, "1"));

        Exchange adminOnService = Target.SMS_DELETE.request().header("X-Auth-Token", ADMIN).body(Map.of("ids", List.of("1"))).send();
        assertEquals(401, adminOnService.status(), adminOnService::toString);
        assertEquals("APIGW.0301", adminOnService.errorCode());

        assertEquals(204, Wire.admin("POST", "/_batchops/reset").send().status());
        assertFalse(State.taskExists(ALICE_DOMAIN, "1"));
        Exchange health = Wire.to(Contract.ADMIN, "GET", "/_batchops/health").send();
        assertEquals(200, health.status());
        Exchange version = Wire.to(Contract.ADMIN, "GET", "/_batchops/version").send();
        assertEquals(200, version.status());
        assertEquals(List.of("sms v3", "drs v3", "iam v3", "admin v1"), Exchange.MAPPER.convertValue(version.json().get("apis"), List.class));
        assertEquals(System.getProperty("batchops.expected.version"), version.json().path("version").asText(),
                "the build's version, not a placeholder");
    }

    @Test
    void theControlApiRefusesWhatIsNotThere() {
        Seed.empty().load();
        for (String path : List.of("/_batchops/sms/accounts/" + ALICE_DOMAIN + "/sources/none/state",
                "/_batchops/sms/accounts/" + ALICE_DOMAIN + "/tasks/none/state",
                "/_batchops/drs/projects/" + ALICE_PROJECT + "/jobs/none/status")) {
            Map<String, Object> body = path.endsWith("sources/none/state") ? Map.of("state", "stopped", "connected", true)
                    : path.contains("/tasks/") ? Map.of("state", "RUNNING") : Map.of("status", "DELETED");
            Exchange missing = Wire.admin("PUT", path).body(body).send();
            assertEquals(404, missing.status(), missing::toString);
            assertEquals("BATCHOPS.0404", missing.errorCode());
        }
        Exchange badFixture = Wire.admin("POST", "/_batchops/fixtures")
                .body("{\"sms\": {\"sources\": [{\"id\": \"s\", \"domain_id\": \"d\", \"state\": \"asleep\"}]}}").send();
        assertEquals(400, badFixture.status(), badFixture::toString);
        assertEquals("BATCHOPS.0400", badFixture.errorCode());
        // An id no store can hold in every mode (PostgreSQL's text has no U+0000): refused, the
        // fixture's other records with it.
        for (String field : List.of("id", "domain_id", "source_id")) {
            Map<String, Object> task = new java.util.HashMap<>(Map.of("id", "t-nul", "domain_id", ALICE_DOMAIN, "source_id", "s"));
            task.put(field, task.get(field) + "\u0000");
            Exchange nul = Wire.admin("POST", "/_batchops/fixtures").body(Map.of("sms", Map.of(
                    "sources", List.of(Map.of("id", "s-nul", "domain_id", ALICE_DOMAIN, "state", "unavailable")),
                    "tasks", List.of(task)))).send();
            assertEquals(400, nul.status(), nul::toString);
            assertEquals("BATCHOPS.0400", nul.errorCode());
            assertTrue(State.sourceState(ALICE_DOMAIN, "s-nul").isEmpty(), "a refused fixture adds nothing");
        }

        Exchange loaded = Wire.admin("POST", "/_batchops/fixtures").body(Map.of("sms", Map.of(
                "sources", List.of(Map.of("id", "s", "domain_id", ALICE_DOMAIN, "state", "syncing", "connected", true)),
                "tasks", List.of(Map.of("id", "t", "domain_id", ALICE_DOMAIN, "source_id", "s"))))).send();
        assertEquals(204, loaded.status(), loaded::toString);
        assertEquals("SMS.2015", Target.SMS_DELETE.request().token(ALICE_TOKEN).body(Map.of("ids", List.of("t"))).send().errorCode());
        assertEquals(SourceServerState.SYNCING, State.sourceState(ALICE_DOMAIN, "s").orElseThrow());
    }
}
