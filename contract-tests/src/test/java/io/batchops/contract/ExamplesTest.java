package io.batchops.contract;

import static io.batchops.contract.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.TestServer.ALICE_PROJECT;
import static io.batchops.contract.TestServer.ALICE_TOKEN;
import static io.batchops.contract.TestServer.CAROL_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsException;
import io.batchops.client.drs.invoker.ApiClient;
import io.batchops.client.drs.model.DeleteJobReq;
import io.batchops.server.store.JobStatus;
import io.batchops.server.store.SourceServerState;
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
                        examplesDrs, true));
    }

    @Test
    void everyExampleHasAScenario() {
        List<String> documented = new ArrayList<>();
        for (var operation : List.of(
                Map.entry(Contract.SMS, new String[] {"POST", SMS_PATH}),
                Map.entry(Contract.DRS, new String[] {"DELETE", DRS_TEMPLATE}))) {
            String method = operation.getValue()[0];
            String template = operation.getValue()[1];
            operation.getKey().responseExamples(method, template).forEach((status, examples) ->
                    examples.keySet().forEach(name -> documented.add(template + " " + status + " " + name)));
            operation.getKey().requestExamples(method, template).keySet().forEach(name ->
                    assertTrue(scenarios().stream().anyMatch(s -> s.template().equals(template) && s.example().equals(name)),
                            "request example " + name + " of " + template + " has no scenario"));
        }
        List<String> covered = scenarios().stream().map(s -> s.template() + " " + s.status() + " " + s.example()).toList();
        assertEquals(documented.stream().sorted().toList(), covered.stream().sorted().toList());
    }

    @TestFactory
    Stream<DynamicTest> rawRequestsAnswerTheExamples() {
        return scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.example() + " " + scenario.status(), () -> {
            scenario.seed().load();
            Exchange answer = Wire.to(scenario.contract(), scenario.method(), scenario.path())
                    .token(scenario.token())
                    .body(scenario.requestBody())
                    .send();
            assertEquals(scenario.status(), answer.status(), answer::toString);
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
