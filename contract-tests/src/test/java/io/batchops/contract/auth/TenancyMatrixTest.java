package io.batchops.contract.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsResponse;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsException;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.drs.model.DeleteJobReq;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Two accounts, each with its project. The two batch operations, every way of authenticating (token
 * on the wire, the generated client, AK/SK signed on the wire, the official SDK, an IAM token issued
 * for the tenant's password, a temporary key with its security token through the SDK); a caller's own
 * ids, the other tenant's, ids that exist nowhere, an id both tenants have, and the other tenant's
 * project. Then every operation of both services by token: another tenant's id answered exactly as
 * an id that exists nowhere, listings that show none of its records, its project refused. Nothing
 * crosses: the caller changes only its own state.
 */
class TenancyMatrixTest {
    record Tenant(String name, String domain, String project, String token, TestServer.AccessKey key) {
    }

    private static final Tenant ALICE = new Tenant("alice", TestServer.ALICE_DOMAIN, TestServer.ALICE_PROJECT,
            TestServer.ALICE_TOKEN, TestServer.ALICE_KEY);
    private static final Tenant BOB = new Tenant("bob", TestServer.BOB_DOMAIN, TestServer.BOB_PROJECT,
            TestServer.BOB_TOKEN, TestServer.BOB_KEY);
    private static final String SHARED = "shared-id";
    private static final String NOWHERE = "nowhere-id";

    /** What came back, in a form every way of calling can give; ids replaced so that answers compare. */
    record Answer(int status, String code, String msg, List<String> results) {
        Answer withoutId(String id) {
            return new Answer(status, code, msg == null ? null : msg.replace(id, "<id>"),
                    results.stream().map(result -> result.replace(id, "<id>")).toList());
        }
    }

    /** One way of calling both operations as a tenant. */
    interface Way {
        Answer deleteTasks(Tenant caller, String id);

        Answer batch(Tenant caller, String project, String deleteType, String jobId);
    }

    private static Answer fromExchange(Exchange answer) {
        if (answer.status() >= 400) {
            return new Answer(answer.status(), answer.errorCode(), answer.errorMsg(), List.of());
        }
        List<String> results = new ArrayList<>();
        answer.json().path("results").forEach(result -> results.add(result(result)));
        return new Answer(answer.status(), null, null, results);
    }

    private static String result(JsonNode result) {
        return result(result.path("id").asText(), result.path("status").asText(), result.path("error_code").asText(null),
                result.path("error_msg").asText(null));
    }

    /** One job's result as "id status code message", absent parts empty. */
    private static String result(String id, String status, String code, String msg) {
        return id + " " + status + " " + (code == null ? "" : code) + " " + (msg == null ? "" : msg);
    }

    private static String smsBody(String id) {
        return "{\"ids\":[\"" + id + "\"]}";
    }

    private static String drsBody(String type, String jobId) {
        return "{\"jobs\":[{\"delete_type\":\"" + type + "\",\"job_id\":\"" + jobId + "\"}]}";
    }

    private static final Way TOKEN = new Way() {
        @Override
        public Answer deleteTasks(Tenant caller, String id) {
            return fromExchange(Target.SMS_DELETE.request().token(caller.token()).body(smsBody(id)).send());
        }

        @Override
        public Answer batch(Tenant caller, String project, String type, String jobId) {
            return fromExchange(Target.DRS_BATCH.request(Target.drsPath(project)).token(caller.token())
                    .body(drsBody(type, jobId)).send());
        }
    };

    private static final Way GENERATED_CLIENT = new Way() {
        @Override
        public Answer deleteTasks(Tenant caller, String id) {
            return call(() -> {
                BatchopsClient.create(TestServer.uri().toString(), caller.token()).deleteTasks(List.of(id));
                return new Answer(200, null, null, List.of());
            });
        }

        @Override
        public Answer batch(Tenant caller, String project, String type, String jobId) {
            return call(() -> {
                var response = BatchopsClient.create(TestServer.uri().toString(), caller.token()).batchDeleteJobs(project,
                        List.of(BatchopsClient.job(DeleteJobReq.DeleteTypeEnum.fromValue(type), jobId)));
                return new Answer(202, null, null, response.getResults().stream().map(result -> result(result.getId(),
                        result.getStatus().getValue(), result.getErrorCode(), result.getErrorMsg())).toList());
            });
        }

        private Answer call(Supplier<Answer> call) {
            try {
                return call.get();
            } catch (BatchopsException e) {
                return new Answer(e.status(), e.errorCode(), e.errorMsg(), List.of());
            }
        }
    };

    private static final Way SIGNED = new Way() {
        @Override
        public Answer deleteTasks(Tenant caller, String id) {
            Map<String, String> signed = Sdk.sign(caller.key(), "POST", Target.SMS_DELETE.path(), smsBody(id),
                    Map.of("X-Domain-Id", caller.domain()), Instant.now());
            return fromExchange(Target.SMS_DELETE.request().token(null).headers(signed).body(smsBody(id)).send());
        }

        @Override
        public Answer batch(Tenant caller, String project, String type, String jobId) {
            Map<String, String> signed = Sdk.sign(caller.key(), "DELETE", Target.drsPath(project), drsBody(type, jobId),
                    Map.of("X-Project-Id", project), Instant.now());
            return fromExchange(Target.DRS_BATCH.request(Target.drsPath(project)).token(null).headers(signed)
                    .body(drsBody(type, jobId)).send());
        }
    };

    private static final Way OFFICIAL_SDK = new Way() {
        @Override
        public Answer deleteTasks(Tenant caller, String id) {
            return sdkDelete(Sdk.sms(caller.key(), caller.domain()), id);
        }

        @Override
        public Answer batch(Tenant caller, String project, String type, String jobId) {
            return sdkBatch(Sdk.drs(caller.key(), project), type, jobId);
        }
    };

    /** A batch delete of one task through the official SDK, its ServiceResponseException an answer too. */
    private static Answer sdkDelete(SmsClient sms, String id) {
        return sdkCall(() -> new Answer(sms.deleteTasks(new DeleteTasksRequest()
                .withBody(new DeleteTasksReq().withIds(List.of(id)))).getHttpStatusCode(), null, null, List.of()));
    }

    /** A DRS batch of one job through the official SDK, its ServiceResponseException an answer too. */
    private static Answer sdkBatch(DrsClient drs, String type, String jobId) {
        return sdkCall(() -> {
            BatchDeleteJobsResponse response = drs.batchDeleteJobs(new BatchDeleteJobsRequest()
                    .withBody(new BatchDeleteJobReq().withJobs(List.of(new com.huaweicloud.sdk.drs.v3.model.DeleteJobReq()
                            .withDeleteType(com.huaweicloud.sdk.drs.v3.model.DeleteJobReq.DeleteTypeEnum.fromValue(type))
                            .withJobId(jobId)))));
            return new Answer(response.getHttpStatusCode(), null, null, response.getResults().stream()
                    .map(result -> result(result.getId(), result.getStatus().getValue(), result.getErrorCode(),
                            result.getErrorMsg())).toList());
        });
    }

    private static Answer sdkCall(Supplier<Answer> call) {
        try {
            return call.get();
        } catch (ServiceResponseException e) {
            return new Answer(e.getHttpStatusCode(), e.getErrorCode(), e.getErrorMsg(), List.of());
        }
    }

    /** Each tenant's IAM token, by its password, scoped to its project; and a temporary key for it. */
    private static final Map<String, String> IAM_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, JsonNode> TEMPORARY_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String iamToken(Tenant tenant) {
        return IAM_TOKENS.computeIfAbsent(tenant.name(), name -> {
            Exchange issued = Wire.to(Contract.IAM, "POST", "/v3/auth/tokens").body(Map.of("auth", Map.of(
                    "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of("name", name,
                            "password", name + "-password", "domain", Map.of("name", name + "-account")))),
                    "scope", Map.of("project", Map.of("id", tenant.project()))))).send();
            assertEquals(201, issued.status(), issued::toString);
            return issued.header("X-Subject-Token");
        });
    }

    private static JsonNode temporaryKey(Tenant tenant) {
        return TEMPORARY_KEYS.computeIfAbsent(tenant.name(), name -> {
            Exchange issued = Wire.to(Contract.IAM, "POST", "/v3.0/OS-CREDENTIAL/securitytokens").token(iamToken(tenant))
                    .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                            "token", Map.of("duration_seconds", 86400))))).send();
            assertEquals(201, issued.status(), issued::toString);
            return issued.json().get("credential");
        });
    }

    /** The tenant's IAM token (issued for its password) on the wire. */
    private static final Way IAM_TOKEN = new Way() {
        @Override
        public Answer deleteTasks(Tenant caller, String id) {
            return TOKEN.deleteTasks(withToken(caller), id);
        }

        @Override
        public Answer batch(Tenant caller, String project, String type, String jobId) {
            return TOKEN.batch(withToken(caller), project, type, jobId);
        }

        private Tenant withToken(Tenant caller) {
            return new Tenant(caller.name(), caller.domain(), caller.project(), iamToken(caller), caller.key());
        }
    };

    /** A temporary key of the tenant's, with its security token, through the official SDK. */
    private static final Way TEMPORARY_KEY = new Way() {
        @Override
        public Answer deleteTasks(Tenant caller, String id) {
            JsonNode key = temporaryKey(caller);
            return sdkDelete(SmsClient.newBuilder().withCredential(new GlobalCredentials().withAk(key.get("access").asText())
                    .withSk(key.get("secret").asText()).withSecurityToken(key.get("securitytoken").asText())
                    .withDomainId(caller.domain())).withEndpoint(TestServer.uri().toString()).build(), id);
        }

        @Override
        public Answer batch(Tenant caller, String project, String type, String jobId) {
            JsonNode key = temporaryKey(caller);
            return sdkBatch(DrsClient.newBuilder().withCredential(new BasicCredentials().withAk(key.get("access").asText())
                    .withSk(key.get("secret").asText()).withSecurityToken(key.get("securitytoken").asText())
                    .withProjectId(project)).withEndpoint(TestServer.uri().toString()).build(), type, jobId);
        }
    };

    private static final Map<String, Way> WAYS = Map.of("token", TOKEN, "generated client", GENERATED_CLIENT,
            "AK/SK signed", SIGNED, "official SDK", OFFICIAL_SDK, "IAM token", IAM_TOKEN,
            "temporary key through the SDK", TEMPORARY_KEY);

    /** Both tenants with a task and a job of their own, and a task and a job of the same id. */
    private static Seed state(JobStatus jobStatus) {
        Seed seed = Seed.empty();
        for (Tenant tenant : List.of(ALICE, BOB)) {
            seed.and(Seed.deletableTasks(tenant.domain(), List.of(tenant.name() + "-task", SHARED)))
                    .job(tenant.name() + "-job", tenant.project(), jobStatus)
                    .job(SHARED, tenant.project(), jobStatus);
        }
        return seed;
    }

    private static Tenant other(Tenant tenant) {
        return tenant == ALICE ? BOB : ALICE;
    }

    @TestFactory
    Stream<DynamicTest> nothingCrosses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Tenant caller : List.of(ALICE, BOB)) {
            for (var way : WAYS.entrySet()) {
                String prefix = caller.name() + " by " + way.getKey() + ": ";
                tests.addAll(smsCases(prefix, caller, way.getValue()));
                for (String type : List.of("terminate", "delete")) {
                    tests.addAll(drsCases(prefix + type + " ", caller, way.getValue(), type));
                }
            }
        }
        return tests.stream();
    }

    private static List<DynamicTest> smsCases(String prefix, Tenant caller, Way way) {
        String foreign = other(caller).name() + "-task";
        List<DynamicTest> cases = new ArrayList<>();
        for (String id : List.of(caller.name() + "-task", SHARED)) {
            cases.add(DynamicTest.dynamicTest(prefix + "own task " + id, () -> {
                Seed seed = state(JobStatus.INCRE_TRANSFER_STARTED);
                seed.load();
                assertEquals(200, way.deleteTasks(caller, id).status());
                assertEquals(changedOnly(seed, "task " + caller.domain() + "/" + id, "gone"), State.of(seed));
            }));
        }
        cases.add(DynamicTest.dynamicTest(prefix + "the other tenant's task is an unknown id", () -> {
            Seed seed = state(JobStatus.INCRE_TRANSFER_STARTED);
            seed.load();
            Answer unknown = way.deleteTasks(caller, NOWHERE);
            Answer crossing = way.deleteTasks(caller, foreign);
            assertEquals(404, crossing.status(), crossing::toString);
            assertEquals(unknown.withoutId(NOWHERE), crossing.withoutId(foreign));
            assertEquals(changedOnly(seed, null, null), State.of(seed));
        }));
        return cases;
    }

    private static List<DynamicTest> drsCases(String prefix, Tenant caller, Way way, String type) {
        Tenant other = other(caller);
        // A running job can be stopped; a released one deleted.
        JobStatus status = "terminate".equals(type) ? JobStatus.INCRE_TRANSFER_STARTED : JobStatus.RELEASE_RESOURCE_COMPLETE;
        String after = "terminate".equals(type) ? JobStatus.RELEASE_RESOURCE_STARTED.name() : JobStatus.DELETED.name();
        String foreign = other.name() + "-job";
        List<DynamicTest> cases = new ArrayList<>();
        for (String id : List.of(caller.name() + "-job", SHARED)) {
            cases.add(DynamicTest.dynamicTest(prefix + "own job " + id, () -> {
                Seed seed = state(status);
                seed.load();
                Answer answer = way.batch(caller, caller.project(), type, id);
                assertEquals(List.of(id + " success  "), answer.results(), answer::toString);
                assertEquals(changedOnly(seed, "job " + caller.project() + "/" + id, after), State.of(seed));
            }));
        }
        cases.add(DynamicTest.dynamicTest(prefix + "the other tenant's job is an unknown id", () -> {
            Seed seed = state(status);
            seed.load();
            Answer unknown = way.batch(caller, caller.project(), type, NOWHERE);
            Answer crossing = way.batch(caller, caller.project(), type, foreign);
            assertEquals(List.of("<id> failed DRS.M05003 The task does not exist."), crossing.withoutId(foreign).results());
            assertEquals(unknown.withoutId(NOWHERE), crossing.withoutId(foreign));
            assertEquals(changedOnly(seed, null, null), State.of(seed));
        }));
        cases.add(DynamicTest.dynamicTest(prefix + "the other tenant's project", () -> {
            Seed seed = state(status);
            seed.load();
            Answer answer = way.batch(caller, other.project(), type, foreign);
            assertEquals(403, answer.status(), answer::toString);
            assertEquals("DRS.M00261", answer.code());
            assertEquals(changedOnly(seed, null, null), State.of(seed));
        }));
        return cases;
    }

    /** An operation of SMS or DRS as Bob sends it, naming {@code {id}} (Alice's record, or one that exists nowhere). */
    record Operation(String id, Contract contract, String method, String path, Kind names, String body) {
        Exchange send(Tenant caller, String project, String target) {
            Wire request = Wire.to(contract, method, path.replace("{project}", project).replace("{id}", target))
                    .token(caller.token());
            return (body == null ? request : request.body(body.replace("{id}", target))).send();
        }
    }

    /** What an operation's {@code {id}} names: a source server, a task, a job, or nothing (lists, creations). */
    enum Kind { SOURCE, TASK, JOB, NOTHING }

    private static String example(Contract contract, String method, String path) {
        return Exchange.MAPPER.valueToTree(contract.requestExamples(method, path).values().iterator().next().getValue())
                .toString();
    }

    static List<Operation> everyOperation() {
        String newTask = example(Contract.SMS, "POST", "/v3/tasks").replace("\"src-web-01\"", "\"{id}\"");
        return List.of(
                new Operation("deleteTasks", Contract.SMS, "POST", "/v3/tasks/delete", Kind.TASK, "{\"ids\":[\"{id}\"]}"),
                new Operation("registerServer", Contract.SMS, "POST", "/v3/sources", Kind.NOTHING,
                        example(Contract.SMS, "POST", "/v3/sources")),
                new Operation("listServers", Contract.SMS, "GET", "/v3/sources?limit=100", Kind.NOTHING, null),
                new Operation("updateTaskStatus", Contract.SMS, "POST", "/v3/tasks/{id}/action", Kind.TASK,
                        "{\"operation\":\"stop\"}"),
                new Operation("updateCopyState", Contract.SMS, "PUT", "/v3/sources/{id}/changestate", Kind.SOURCE,
                        "{\"copystate\":\"SYNCING\",\"migrationcycle\":\"syncing\"}"),
                new Operation("deleteServers", Contract.SMS, "POST", "/v3/sources/delete", Kind.SOURCE, "{\"ids\":[\"{id}\"]}"),
                new Operation("showOverview", Contract.SMS, "GET", "/v3/sources/overview", Kind.NOTHING, null),
                new Operation("showServer", Contract.SMS, "GET", "/v3/sources/{id}", Kind.SOURCE, null),
                new Operation("deleteServer", Contract.SMS, "DELETE", "/v3/sources/{id}", Kind.SOURCE, null),
                new Operation("createTask", Contract.SMS, "POST", "/v3/tasks", Kind.SOURCE, newTask),
                new Operation("listTasks", Contract.SMS, "GET", "/v3/tasks?limit=100", Kind.NOTHING, null),
                new Operation("showTask", Contract.SMS, "GET", "/v3/tasks/{id}", Kind.TASK, null),
                new Operation("deleteTask", Contract.SMS, "DELETE", "/v3/tasks/{id}", Kind.TASK, null),
                new Operation("batchDeleteJobs", Contract.DRS, "DELETE", "/v3/{project}/jobs/batch-jobs", Kind.JOB,
                        "{\"jobs\":[{\"delete_type\":\"terminate\",\"job_id\":\"{id}\"}]}"),
                new Operation("batchCreateJobs", Contract.DRS, "POST", "/v3/{project}/jobs/batch-creation", Kind.NOTHING,
                        example(Contract.DRS, "POST", "/v3/{project_id}/jobs/batch-creation")),
                new Operation("listJobs", Contract.DRS, "POST", "/v3/{project}/jobs", Kind.NOTHING,
                        "{\"cur_page\":1,\"per_page\":100,\"db_use_type\":\"migration\"}"),
                new Operation("batchListJobStatus", Contract.DRS, "POST", "/v3/{project}/jobs/batch-status", Kind.JOB,
                        "{\"jobs\":[\"{id}\"]}"),
                new Operation("batchListJobDetails", Contract.DRS, "POST", "/v3/{project}/jobs/batch-detail", Kind.JOB,
                        "{\"jobs\":[\"{id}\"]}"),
                new Operation("batchStartJobs", Contract.DRS, "POST", "/v3/{project}/jobs/batch-starting", Kind.JOB,
                        "{\"jobs\":[{\"job_id\":\"{id}\"}]}"),
                new Operation("batchStopJobs", Contract.DRS, "POST", "/v3/{project}/jobs/batch-pause-task", Kind.JOB,
                        "{\"jobs\":[{\"job_id\":\"{id}\",\"pause_mode\":\"all\"}]}"));
    }

    /** Alice's and Bob's source servers, tasks and jobs, in states that let every operation act on them. */
    private static Seed everyKindOfRecord() {
        Seed seed = Seed.empty();
        for (Tenant tenant : List.of(ALICE, BOB)) {
            seed.source(tenant.name() + "-src", tenant.domain(), io.batchops.client.admin.model.SourceServerState.STOPPED, false)
                    .task(tenant.name() + "-task", tenant.domain(), tenant.name() + "-src",
                            io.batchops.client.admin.model.TaskState.RUNNING)
                    .job(tenant.name() + "-job", tenant.project(), JobStatus.INCRE_TRANSFER_STARTED);
        }
        return seed;
    }

    /** Alice's records as the export has them: what no request of Bob's may change. */
    private static List<JsonNode> alicesRecords() {
        JsonNode state = State.export();
        List<JsonNode> records = new ArrayList<>();
        for (String list : List.of("sources", "tasks")) {
            state.path("sms").path(list).forEach(record -> {
                if (ALICE.domain().equals(record.path("domain_id").asText())) {
                    records.add(record);
                }
            });
        }
        state.path("drs").path("jobs").forEach(job -> {
            if (ALICE.project().equals(job.path("project_id").asText())) {
                records.add(job);
            }
        });
        return records;
    }

    /** An answer's status and body, the id it named and its request id taken out, to compare with another's. */
    private static String comparable(Exchange answer, String id) {
        JsonNode body = answer.body() == null || answer.body().isBlank() ? null : answer.json();
        if (body != null && body.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("request_id");
        }
        return answer.status() + " " + (body == null ? "" : body.toString().replace(id, "<id>"));
    }

    @Test
    void theMatrixCoversEveryOperationOfBothServices() {
        java.util.Set<String> specified = new java.util.TreeSet<>();
        for (Contract contract : List.of(Contract.SMS, Contract.DRS)) {
            contract.api().getPaths().values().forEach(path -> path.readOperations()
                    .forEach(operation -> specified.add(operation.getOperationId())));
        }
        assertEquals(specified, everyOperation().stream().map(Operation::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationKeepsToItsTenant() {
        return everyOperation().stream().flatMap(operation -> {
            List<DynamicTest> cases = new ArrayList<>();
            if (operation.names() != Kind.NOTHING) {
                String alices = "alice-" + switch (operation.names()) {
                    case SOURCE -> "src";
                    case TASK -> "task";
                    default -> "job";
                };
                cases.add(DynamicTest.dynamicTest(operation.id() + ": another tenant's id is an id that exists nowhere", () -> {
                    everyKindOfRecord().load();
                    List<JsonNode> before = alicesRecords();
                    Exchange nowhere = operation.send(BOB, BOB.project(), NOWHERE);
                    Exchange crossing = operation.send(BOB, BOB.project(), alices);
                    assertEquals(comparable(nowhere, NOWHERE), comparable(crossing, alices));
                    assertEquals(before, alicesRecords(), "Alice's records changed");
                }));
            } else {
                cases.add(DynamicTest.dynamicTest(operation.id() + ": shows and changes nothing of another tenant's", () -> {
                    everyKindOfRecord().load();
                    List<JsonNode> before = alicesRecords();
                    Exchange answer = operation.send(BOB, BOB.project(), NOWHERE);
                    assertTrue(answer.status() < 300, answer::toString);
                    assertFalse(answer.body().contains("alice-"), answer::toString);
                    assertEquals(before, alicesRecords(), "Alice's records changed");
                }));
            }
            if (operation.contract() == Contract.DRS) {
                cases.add(DynamicTest.dynamicTest(operation.id() + ": another tenant's project is refused", () -> {
                    everyKindOfRecord().load();
                    List<JsonNode> before = alicesRecords();
                    Exchange refused = operation.send(BOB, ALICE.project(), "alice-job");
                    assertEquals(403, refused.status(), refused::toString);
                    assertEquals("DRS.M00261", refused.errorCode());
                    assertEquals(before, alicesRecords(), "Alice's records changed");
                }));
            }
            return cases.stream();
        });
    }

    /** The seeded state as first loaded, with at most one entry changed. */
    private static Map<String, String> changedOnly(Seed seed, String key, String value) {
        Map<String, String> expected = new java.util.TreeMap<>();
        seed.tasks().forEach(task -> expected.put("task " + task.getDomainId() + "/" + task.getId(), "present"));
        seed.jobs().forEach(job -> expected.put("job " + job.getProjectId() + "/" + job.getId(), job.getStatus().getValue()));
        if (key != null) {
            assertEquals(true, expected.containsKey(key), key);
            expected.put(key, value);
        }
        return expected;
    }
}
