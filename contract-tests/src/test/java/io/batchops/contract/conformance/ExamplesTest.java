package io.batchops.contract.conformance;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.CAROL_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsException;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceFixture;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.client.drs.invoker.ApiClient;
import io.batchops.client.drs.model.DeleteJobReq;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Examples;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of both specs, sent on the state where it applies, raw and through the generated
 * client: the answer is the example's response (the documentation's placeholders and generated ids
 * aside). An example added to a spec without a scenario here fails {@link #everyExampleHasAScenario}.
 */
class ExamplesTest {
    private static final String SMS_PATH = Target.SMS_DELETE.path();
    private static final String DRS_TEMPLATE = Target.DRS_BATCH.template();
    private static final String DRS_PATH = Target.DRS_BATCH.path();
    private static final String DEVELOPMENT_TOKEN = "dev-token";
    private static final String JOB_RUNNING = "4c6ac8c0-2f51-426a-97b2-cb2c668jb201";
    private static final String JOB_BUSY = "6211d20d-0006-41da-836e-db3301ajb20b";
    private static final String JOB_RELEASED = "140b5236-88ad-43c8-811c-1268453jb101";

    /**
     * A request and the state it applies to, answered by one named response example. {@code body}
     * is either the name of a request example or JSON.
     */
    record Scenario(Contract contract, String method, String template, String path, int status, String example,
            String token, Function<Contract, JsonNode> body, Seed seed, boolean viaClient) {
        JsonNode requestBody() {
            return body.apply(contract);
        }
    }

    private static Function<Contract, JsonNode> requestExample(String method, String template, String name) {
        return contract -> Exchange.MAPPER.valueToTree(contract.requestExamples(method, template).get(name).getValue());
    }

    private static Function<Contract, JsonNode> json(String json) {
        return contract -> {
            try {
                return Exchange.MAPPER.readTree(json);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        };
    }

    static List<Scenario> scenarios() {
        Function<Contract, JsonNode> threeTasks = requestExample("POST", SMS_PATH, "deleteThreeTasks");
        ArrayNode tooMany = Exchange.MAPPER.createArrayNode();
        IntStream.range(0, 51).forEach(i -> tooMany.add("t" + i));
        Seed examplesDrs = Seed.empty()
                .job(JOB_RUNNING, ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job(JOB_BUSY, ALICE_PROJECT, JobStatus.CHANGE_JOB_STARTED)
                .job(JOB_RELEASED, ALICE_PROJECT, JobStatus.RELEASE_RESOURCE_COMPLETE);
        return List.of(
                new Scenario(Contract.SMS, "POST", SMS_PATH, SMS_PATH, 200, "deleteThreeTasks", ALICE_TOKEN,
                        threeTasks, Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2", "3")), true),
                new Scenario(Contract.SMS, "POST", SMS_PATH, SMS_PATH, 400, "invalidParameter", ALICE_TOKEN,
                        c -> Exchange.MAPPER.createObjectNode().set("ids", tooMany), Seed.empty(), true),
                new Scenario(Contract.SMS, "POST", SMS_PATH, SMS_PATH, 400, "sourceServerBusy", ALICE_TOKEN,
                        json("{\"ids\": [\"1\", \"2\"]}"),
                        Seed.deletableTasks(ALICE_DOMAIN, List.of("1"))
                                .source("src-busy", ALICE_DOMAIN, SourceServerState.SYNCING, true)
                                .task("2", ALICE_DOMAIN, "src-busy"), true),
                new Scenario(Contract.SMS, "POST", SMS_PATH, SMS_PATH, 401, "tokenMissing", null,
                        threeTasks, Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2", "3")), false),
                new Scenario(Contract.SMS, "POST", SMS_PATH, SMS_PATH, 403, "permissionDenied", CAROL_TOKEN,
                        threeTasks, Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2", "3")), true),
                new Scenario(Contract.SMS, "POST", SMS_PATH, SMS_PATH, 404, "taskNotFound", ALICE_TOKEN,
                        json("{\"ids\": [\"1\", \"9\"]}"), Seed.deletableTasks(ALICE_DOMAIN, List.of("1")), true),
                new Scenario(Contract.DRS, "DELETE", DRS_TEMPLATE, DRS_PATH, 202, "stopTasks", ALICE_TOKEN,
                        requestExample("DELETE", DRS_TEMPLATE, "stopTasks"), examplesDrs, true),
                new Scenario(Contract.DRS, "DELETE", DRS_TEMPLATE, DRS_PATH, 202, "deleteTask", ALICE_TOKEN,
                        requestExample("DELETE", DRS_TEMPLATE, "deleteTask"), examplesDrs, true),
                new Scenario(Contract.DRS, "DELETE", DRS_TEMPLATE, DRS_PATH, 400, "invalidDeleteType", ALICE_TOKEN,
                        json("{\"jobs\": [{\"delete_type\": \"stop\", \"job_id\": \"" + JOB_RUNNING + "\"}]}"),
                        examplesDrs, false),
                new Scenario(Contract.DRS, "DELETE", DRS_TEMPLATE, DRS_PATH, 401, "tokenMissing", null,
                        requestExample("DELETE", DRS_TEMPLATE, "deleteTask"), examplesDrs, false),
                new Scenario(Contract.DRS, "DELETE", DRS_TEMPLATE, Target.drsPath("0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
                        403, "foreignProject", ALICE_TOKEN, requestExample("DELETE", DRS_TEMPLATE, "deleteTask"),
                        examplesDrs, true),
                // The operations around the batch ones.
                new Scenario(Contract.SMS, "POST", "/v3/sources", "/v3/sources", 200, "registerWeb01", ALICE_TOKEN,
                        requestExample("POST", "/v3/sources", "registerWeb01"), Seed.empty(), false),
                new Scenario(Contract.SMS, "GET", "/v3/sources", "/v3/sources?limit=10", 200, "oneServer", ALICE_TOKEN,
                        c -> null, Seed.empty().source(new SourceFixture().id("src-web-01").domainId(ALICE_DOMAIN)
                                .name("web-01").state(SourceServerState.STOPPED).connected(true).ip("192.168.0.10")
                                .osType(SourceFixture.OsTypeEnum.LINUX).osVersion("CENTOS_7_9_64BIT").cpuQuantity(4)
                                .memory(8589934592L).addDate(1700000000000L)), false),
                new Scenario(Contract.SMS, "POST", "/v3/tasks", "/v3/tasks", 200, "migrateWeb01", ALICE_TOKEN,
                        requestExample("POST", "/v3/tasks", "migrateWeb01"),
                        Seed.empty().source("src-web-01", ALICE_DOMAIN, SourceServerState.STOPPED, true), false),
                new Scenario(Contract.DRS, "POST", "/v3/{project_id}/jobs/batch-creation",
                        "/v3/" + ALICE_PROJECT + "/jobs/batch-creation", 202, "createMigration", ALICE_TOKEN,
                        requestExample("POST", "/v3/{project_id}/jobs/batch-creation", "createMigration"), Seed.empty(), false),
                new Scenario(Contract.DRS, "POST", "/v3/{project_id}/jobs", "/v3/" + ALICE_PROJECT + "/jobs", 200,
                        "firstPage", ALICE_TOKEN, requestExample("POST", "/v3/{project_id}/jobs", "firstPage"),
                        Seed.empty().job(new JobFixture().id(JOB_RUNNING).projectId(ALICE_PROJECT).name("mysql-to-rds")
                                        .status(JobStatus.INCRE_TRANSFER_STARTED))
                                .job(JOB_RELEASED, ALICE_PROJECT, JobStatus.DELETED), false),
                new Scenario(Contract.DRS, "POST", "/v3/{project_id}/jobs/batch-status",
                        "/v3/" + ALICE_PROJECT + "/jobs/batch-status", 200, "twoJobs", ALICE_TOKEN,
                        requestExample("POST", "/v3/{project_id}/jobs/batch-status", "twoJobs"), examplesDrs, false),
                new Scenario(Contract.ADMIN, "GET", "/_batchops/health", "/_batchops/health", 200, "up", null,
                        c -> null, Seed.empty(), false),
                new Scenario(Contract.ADMIN, "POST", "/_batchops/fixtures", "/_batchops/fixtures", 204, "oneOfEach",
                        TestServer.ADMIN_TOKEN, requestExample("POST", "/_batchops/fixtures", "oneOfEach"),
                        Seed.empty(), false),
                new Scenario(Contract.ADMIN, "PUT", "/_batchops/sms/accounts/{domain_id}/sources/{source_id}/state",
                        "/_batchops/sms/accounts/" + ALICE_DOMAIN + "/sources/src-1/state", 204, "stopped",
                        TestServer.ADMIN_TOKEN,
                        requestExample("PUT", "/_batchops/sms/accounts/{domain_id}/sources/{source_id}/state", "stopped"),
                        Seed.empty().source("src-1", ALICE_DOMAIN, SourceServerState.SYNCING, true), false),
                new Scenario(Contract.ADMIN, "GET", "/_batchops/state", "/_batchops/state", 200, "oneOfEach",
                        TestServer.ADMIN_TOKEN, c -> null, Seed.of(
                                Contract.ADMIN.responseExample("GET", "/_batchops/state", 200, "oneOfEach")), false),
                new Scenario(Contract.ADMIN, "PUT", "/_batchops/state", "/_batchops/state", 204, "oneJob",
                        TestServer.ADMIN_TOKEN, requestExample("PUT", "/_batchops/state", "oneJob"),
                        Seed.aliceSample(), false),
                new Scenario(Contract.ADMIN, "POST", "/_batchops/faults", "/_batchops/faults", 201, "throttleOnce",
                        TestServer.ADMIN_TOKEN, requestExample("POST", "/_batchops/faults", "throttleOnce"),
                        Seed.empty(), false),
                new Scenario(Contract.ADMIN, "PUT", "/_batchops/timing", "/_batchops/timing", 200, "threeReads",
                        TestServer.ADMIN_TOKEN, requestExample("PUT", "/_batchops/timing", "threeReads"),
                        Seed.empty(), false),
                new Scenario(Contract.ADMIN, "PUT", "/_batchops/clock", "/_batchops/clock", 200, "aDayOn",
                        TestServer.ADMIN_TOKEN, requestExample("PUT", "/_batchops/clock", "aDayOn"), Seed.empty(), false),
                new Scenario(Contract.ADMIN, "GET", "/_batchops/clock", "/_batchops/clock", 200, "machineTime",
                        TestServer.ADMIN_TOKEN, c -> null, Seed.empty(), false),
                // IAM, for the development principal (the suite's credentials have it too).
                new Scenario(Contract.IAM, "GET", "/v3/projects", "/v3/projects?name=cn-north-4", 200, "oneRegion",
                        DEVELOPMENT_TOKEN, c -> null, Seed.empty(), false),
                new Scenario(Contract.IAM, "GET", "/v3/auth/domains", "/v3/auth/domains", 200, "developer",
                        DEVELOPMENT_TOKEN, c -> null, Seed.empty(), false),
                new Scenario(Contract.IAM, "POST", "/v3/auth/tokens", "/v3/auth/tokens", 201, "password", null,
                        requestExample("POST", "/v3/auth/tokens", "password"), Seed.empty(), false),
                new Scenario(Contract.IAM, "POST", "/v3.0/OS-CREDENTIAL/securitytokens", "/v3.0/OS-CREDENTIAL/securitytokens",
                        201, "oneHour", DEVELOPMENT_TOKEN,
                        requestExample("POST", "/v3.0/OS-CREDENTIAL/securitytokens", "oneHour"), Seed.empty(), false),
                new Scenario(Contract.IAM, "POST", "/v3.0/OS-AUTH/id-token/tokens", "/v3.0/OS-AUTH/id-token/tokens", 201,
                        "project", null, requestExample("POST", "/v3.0/OS-AUTH/id-token/tokens", "project"), Seed.empty(),
                        false),
                // Every SMS operation documents the gateway's answer to a missing token.
                new Scenario(Contract.SMS, "POST", "/v3/sources", "/v3/sources", 401, "tokenMissing", null,
                        requestExample("POST", "/v3/sources", "registerWeb01"), Seed.empty(), false),
                new Scenario(Contract.SMS, "GET", "/v3/sources", "/v3/sources", 401, "tokenMissing", null,
                        c -> null, Seed.empty(), false),
                new Scenario(Contract.SMS, "GET", "/v3/sources/{source_id}", "/v3/sources/src-1", 401, "tokenMissing", null,
                        c -> null, Seed.empty(), false),
                new Scenario(Contract.SMS, "POST", "/v3/tasks", "/v3/tasks", 401, "tokenMissing", null,
                        requestExample("POST", "/v3/tasks", "migrateWeb01"), Seed.empty(), false),
                new Scenario(Contract.SMS, "GET", "/v3/tasks", "/v3/tasks", 401, "tokenMissing", null,
                        c -> null, Seed.empty(), false),
                new Scenario(Contract.SMS, "GET", "/v3/tasks/{task_id}", "/v3/tasks/1", 401, "tokenMissing", null,
                        c -> null, Seed.empty(), false),
                new Scenario(Contract.SMS, "DELETE", "/v3/tasks/{task_id}", "/v3/tasks/1", 401, "tokenMissing", null,
                        c -> null, Seed.deletableTasks(ALICE_DOMAIN, List.of("1")), false),
                new Scenario(Contract.SMS, "POST", "/v3/tasks/{task_id}/action", "/v3/tasks/1/action", 401, "tokenMissing",
                        null, requestExample("POST", "/v3/tasks/{task_id}/action", "stopTask"), Seed.empty(), false),
                new Scenario(Contract.SMS, "PUT", "/v3/sources/{source_id}/changestate", "/v3/sources/src-1/changestate",
                        401, "tokenMissing", null,
                        requestExample("PUT", "/v3/sources/{source_id}/changestate", "syncing"), Seed.empty(), false),
                new Scenario(Contract.SMS, "POST", "/v3/sources/delete", "/v3/sources/delete", 401, "tokenMissing", null,
                        requestExample("POST", "/v3/sources/delete", "deleteTwo"), Seed.empty(), false),
                new Scenario(Contract.SMS, "DELETE", "/v3/sources/{source_id}", "/v3/sources/src-1", 401, "tokenMissing",
                        null, c -> null, Seed.empty(), false),
                new Scenario(Contract.SMS, "GET", "/v3/sources/overview", "/v3/sources/overview", 401, "tokenMissing", null,
                        c -> null, Seed.empty(), false),
                // The neighbouring operations' own examples.
                new Scenario(Contract.SMS, "POST", "/v3/tasks/{task_id}/action", "/v3/tasks/1/action", 200, "stopTask",
                        ALICE_TOKEN, requestExample("POST", "/v3/tasks/{task_id}/action", "stopTask"),
                        Seed.deletableTasks(ALICE_DOMAIN, List.of()).task("1", ALICE_DOMAIN, Seed.IDLE_SOURCE + "-" + ALICE_DOMAIN,
                                TaskState.RUNNING), false),
                new Scenario(Contract.SMS, "POST", "/v3/tasks/{task_id}/action", "/v3/tasks/1/action", 400, "notRunning",
                        ALICE_TOKEN, requestExample("POST", "/v3/tasks/{task_id}/action", "stopTask"),
                        Seed.deletableTasks(ALICE_DOMAIN, List.of("1")), false),
                new Scenario(Contract.SMS, "PUT", "/v3/sources/{source_id}/changestate", "/v3/sources/src-1/changestate",
                        200, "syncing", ALICE_TOKEN,
                        requestExample("PUT", "/v3/sources/{source_id}/changestate", "syncing"),
                        Seed.empty().source("src-1", ALICE_DOMAIN, SourceServerState.REPLICATE, true), false),
                new Scenario(Contract.SMS, "POST", "/v3/sources/delete", "/v3/sources/delete", 200, "deleteTwo", ALICE_TOKEN,
                        requestExample("POST", "/v3/sources/delete", "deleteTwo"),
                        Seed.empty().source("src-web-01", ALICE_DOMAIN, SourceServerState.STOPPED, true)
                                .source("src-web-02", ALICE_DOMAIN, SourceServerState.STOPPED, false), false),
                new Scenario(Contract.SMS, "GET", "/v3/sources/overview", "/v3/sources/overview", 200, "twoServers",
                        ALICE_TOKEN, c -> null,
                        Seed.empty().source("src-a", ALICE_DOMAIN, SourceServerState.SYNCING, true)
                                .source("src-b", ALICE_DOMAIN, SourceServerState.STOPPED, true)
                                .task("t-a", ALICE_DOMAIN, "src-a"), false),
                new Scenario(Contract.DRS, "POST", "/v3/{project_id}/jobs/batch-detail",
                        "/v3/" + ALICE_PROJECT + "/jobs/batch-detail", 200, "oneJob", ALICE_TOKEN,
                        requestExample("POST", "/v3/{project_id}/jobs/batch-detail", "oneJob"),
                        Seed.empty().job(new JobFixture().id(JOB_RELEASED).projectId(ALICE_PROJECT).name("mysql-to-rds")
                                .status(JobStatus.PAUSING)), false),
                new Scenario(Contract.DRS, "POST", "/v3/{project_id}/jobs/batch-starting",
                        "/v3/" + ALICE_PROJECT + "/jobs/batch-starting", 202, "startNow", ALICE_TOKEN,
                        requestExample("POST", "/v3/{project_id}/jobs/batch-starting", "startNow"),
                        Seed.empty().job(JOB_RELEASED, ALICE_PROJECT, JobStatus.CONFIGURATION), false),
                new Scenario(Contract.DRS, "POST", "/v3/{project_id}/jobs/batch-pause-task",
                        "/v3/" + ALICE_PROJECT + "/jobs/batch-pause-task", 202, "pauseAll", ALICE_TOKEN,
                        requestExample("POST", "/v3/{project_id}/jobs/batch-pause-task", "pauseAll"),
                        Seed.empty().job(JOB_RELEASED, ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED), false));
    }

    /** Every operation of every spec, by contract, method and path template. */
    private static List<BoundsTest.Op> operations() {
        return BoundsTest.operations();
    }

    @Test
    void everyExampleHasAScenario() {
        List<String> documented = new ArrayList<>();
        List<String> covered = scenarios().stream()
                .map(s -> s.method() + " " + s.template() + " " + s.status() + " " + s.example()).toList();
        for (BoundsTest.Op op : operations()) {
            op.contract().responseExamples(op.method(), op.template()).forEach((status, examples) ->
                    examples.keySet().forEach(name -> documented.add(op.method() + " " + op.template() + " " + status + " " + name)));
            if (op.operation().getRequestBody() != null) {
                op.contract().requestExamples(op.method(), op.template()).keySet().forEach(name ->
                        assertTrue(scenarios().stream().anyMatch(s -> s.template().equals(op.template()) && s.example().equals(name)),
                                "request example " + name + " of " + op + " has no scenario"));
            }
        }
        // The journal's example needs an empty journal and a fault first: JournalTest answers it.
        documented.remove("GET /_batchops/requests 200 oneBatchDelete");
        assertTrue(covered.containsAll(documented), () -> "response examples without a scenario: "
                + documented.stream().filter(example -> !covered.contains(example)).toList());
    }

    @TestFactory
    Stream<DynamicTest> rawRequestsAnswerTheExamples() {
        return scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.example() + " " + scenario.status(), () -> {
            scenario.seed().load();
            Wire request = Wire.to(scenario.contract(), scenario.method(), scenario.path()).body(scenario.requestBody());
            if (scenario.contract() == Contract.ADMIN) {
                request.header("X-Batchops-Admin-Token", scenario.token());
            } else if (scenario.template().equals("/v3.0/OS-AUTH/id-token/tokens")) {
                request.header("X-Idp-Id", "batchops-dev-idp");
            } else {
                request.token(scenario.token());
            }
            Exchange answer = request.send();
            assertEquals(scenario.status(), answer.status(), answer::toString);
            if (answer.status() == 204) {
                assertTrue(answer.body().isEmpty(), answer::toString);
                return;
            }
            Examples.assertMatches(scenario.contract().responseExample(scenario.method(), scenario.template(),
                    scenario.status(), scenario.example()), answer.json());
            if (answer.status() == 401) {
                assertEquals(answer.header("X-Request-Id"), answer.json().get("request_id").asText());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theClientGetsTheExamples() {
        return scenarios().stream().filter(Scenario::viaClient)
                .map(scenario -> DynamicTest.dynamicTest(scenario.example() + " " + scenario.status(), () -> {
                    scenario.seed().load();
                    JsonNode example = scenario.contract().responseExample(scenario.method(), scenario.template(),
                            scenario.status(), scenario.example());
                    BatchopsClient client = BatchopsClient.create(TestServer.uri().toString(), scenario.token());
                    if (scenario.status() >= 400) {
                        BatchopsException error = assertThrows(BatchopsException.class, () -> callClient(client, scenario));
                        assertEquals(scenario.status(), error.status());
                        assertNotNull(error.requestId());
                        Examples.assertMatches(example, Exchange.MAPPER.readTree(error.responseBody()));
                        assertEquals(example.get("error_code").asText(), error.errorCode());
                        assertFalse(error.errorMsg().isEmpty());
                    } else {
                        Object answer = callClient(client, scenario);
                        JsonNode body = ApiClient.createDefaultObjectMapper().valueToTree(answer);
                        Examples.assertMatches(example, body == null || body.isNull() ? Exchange.MAPPER.createObjectNode() : body);
                    }
                }));
    }

    private static Object callClient(BatchopsClient client, Scenario scenario) throws Exception {
        JsonNode body = scenario.requestBody();
        if (scenario.contract() == Contract.SMS) {
            List<String> ids = new ArrayList<>();
            body.get("ids").forEach(id -> ids.add(id.asText()));
            client.deleteTasks(ids);
            return Map.of();
        }
        List<DeleteJobReq> jobs = new ArrayList<>();
        body.get("jobs").forEach(job -> jobs.add(BatchopsClient.job(
                DeleteJobReq.DeleteTypeEnum.fromValue(job.get("delete_type").asText()), job.get("job_id").asText())));
        String project = scenario.path().split("/")[2];
        return client.batchDeleteJobs(project, jobs);
    }

    /** The examples' state changes are real: the three tasks are gone, the stopped job is releasing. */
    @Test
    void examplesChangeTheState() {
        Scenario sms = scenarios().get(0);
        sms.seed().load();
        Wire.to(Contract.SMS, "POST", SMS_PATH).token(ALICE_TOKEN).body(sms.requestBody()).send();
        List.of("1", "2", "3").forEach(id -> assertFalse(State.taskExists(ALICE_DOMAIN, id), id));

        Scenario stop = scenarios().get(6);
        stop.seed().load();
        Wire.to(Contract.DRS, "DELETE", DRS_PATH).token(ALICE_TOKEN).body(stop.requestBody()).send();
        assertEquals(JobStatus.RELEASE_RESOURCE_STARTED, State.jobStatus(ALICE_PROJECT, JOB_RUNNING).orElseThrow());
        assertEquals(JobStatus.CHANGE_JOB_STARTED, State.jobStatus(ALICE_PROJECT, JOB_BUSY).orElseThrow());
    }
}
