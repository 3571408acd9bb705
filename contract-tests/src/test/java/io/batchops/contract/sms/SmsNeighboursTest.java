package io.batchops.contract.sms;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_TOKEN;
import static io.batchops.contract.harness.TestServer.CAROL_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SMS operations around the batch delete, on the wire: UpdateTaskStatus against every task state
 * (the expected outcome written from the spec's table, not from the server's code), what the agent
 * reports, the batch deletion of source servers, the overview, and tenancy.
 */
class SmsNeighboursTest {
    private static final String SOURCE = "src";

    /** The spec's table: the task states each operation is allowed in. */
    private static final Map<String, Set<TaskState>> ALLOWED = Map.of(
            "start", Set.of(TaskState.READY, TaskState.ABORT, TaskState.MIGRATE_FAIL),
            "restart", Set.of(TaskState.ABORT, TaskState.MIGRATE_FAIL),
            "stop", Set.of(TaskState.RUNNING, TaskState.SYNCING),
            "skip", Set.of(TaskState.RUNNING, TaskState.SYNCING),
            "clear", Set.of(TaskState.MIGRATE_SUCCESS, TaskState.MIGRATE_FAIL, TaskState.ABORT),
            "test", Set.of(TaskState.SYNCING, TaskState.MIGRATE_SUCCESS),
            "clone_test", Set.of(TaskState.SYNCING, TaskState.MIGRATE_SUCCESS),
            "network_check", Set.of(TaskState.READY, TaskState.RUNNING, TaskState.SYNCING));
    /** The spec's table: the task's and the source server's state once the operation's moves are over. */
    private static final Map<String, List<String>> AFTER = Map.of(
            "start", List.of("RUNNING", "replicate"),
            "restart", List.of("RUNNING", "initialize"),
            "stop", List.of("ABORT", "stopped"),
            "clear", List.of("", "cleared"),
            "test", List.of("", "testing"),
            "clone_test", List.of("", "stopped"));

    @AfterEach
    void immediateTiming() {
        timing("{\"mode\": \"immediate\"}");
    }

    private static Exchange action(String token, String taskId, String operation) {
        return Wire.to(Contract.SMS, "POST", "/v3/tasks/" + taskId + "/action").token(token)
                .body(Map.of("operation", operation)).send();
    }

    private static JsonNode showTask(String taskId) {
        return Wire.to(Contract.SMS, "GET", "/v3/tasks/" + taskId).token(ALICE_TOKEN).send().json();
    }

    private static JsonNode showServer(String sourceId) {
        return Wire.to(Contract.SMS, "GET", "/v3/sources/" + sourceId).token(ALICE_TOKEN).send().json();
    }

    private static void timing(String json) {
        Exchange set = Wire.to(Contract.ADMIN, "PUT", "/_batchops/timing")
                .header("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN).body(json).send();
        assertEquals(200, set.status(), set::toString);
    }

    private static String refusalCode(String operation) {
        return switch (operation) {
            case "stop" -> "SMS.1038";
            case "start" -> "SMS.1039";
            case "restart" -> "SMS.1040";
            default -> "SMS.1804";
        };
    }

    @TestFactory
    Stream<DynamicTest> everyOperationInEveryTaskState() {
        return ALLOWED.keySet().stream().sorted().flatMap(operation -> Stream.of(TaskState.values()).map(state ->
                DynamicTest.dynamicTest(operation + " on " + state, () -> {
                    Seed.empty().source(SOURCE, ALICE_DOMAIN, SourceServerState.STOPPED, true)
                            .task("t", ALICE_DOMAIN, SOURCE, state).load();
                    Exchange answer = action(ALICE_TOKEN, "t", operation);
                    if (!ALLOWED.get(operation).contains(state)) {
                        assertEquals(400, answer.status(), answer::toString);
                        assertEquals(refusalCode(operation), answer.errorCode());
                        assertEquals(state.name(), showTask("t").path("state").asText(), "refused: nothing changes");
                        assertEquals("stopped", showServer(SOURCE).path("state").asText());
                        return;
                    }
                    assertEquals(200, answer.status(), answer::toString);
                    List<String> after = AFTER.getOrDefault(operation, List.of("", "stopped"));
                    JsonNode task = showTask("t");
                    assertEquals(after.get(0).isEmpty() ? state.name() : after.get(0), task.path("state").asText());
                    assertEquals(after.get(1), showServer(SOURCE).path("state").asText());
                    if (operation.equals("start") || operation.equals("restart")) {
                        assertTrue(task.path("start_date").asLong() > 0, task::toString);
                        assertFalse(task.has("finish_date"), task::toString);
                    }
                    if (operation.equals("stop")) {
                        assertTrue(task.path("finish_date").asLong() > 0, task::toString);
                    }
                })));
    }

    @Test
    void whatTheAgentCarriesOutNeedsItConnected() {
        Seed.empty().source(SOURCE, ALICE_DOMAIN, SourceServerState.STOPPED, false)
                .task("t", ALICE_DOMAIN, SOURCE, TaskState.READY).load();
        Exchange start = action(ALICE_TOKEN, "t", "start");
        assertEquals(400, start.status(), start::toString);
        assertEquals("SMS.1804", start.errorCode());
        assertEquals(List.of(SOURCE), List.of(start.json().path("error_param").path(0).asText()));
        assertEquals("READY", showTask("t").path("state").asText());
    }

    @Test
    void aStopTakesTheTimingAndItsStoppingServerKeepsTheTask() {
        Seed.empty().source(SOURCE, ALICE_DOMAIN, SourceServerState.SYNCING, true)
                .task("t", ALICE_DOMAIN, SOURCE, TaskState.SYNCING).load();
        timing("{\"mode\": \"reads\", \"reads\": 3}");
        assertEquals(200, action(ALICE_TOKEN, "t", "stop").status());
        assertEquals("ABORTING", showTask("t").path("state").asText());
        Exchange delete = Wire.to(Contract.SMS, "POST", "/v3/tasks/delete").token(ALICE_TOKEN)
                .body(Map.of("ids", List.of("t"))).send();
        assertEquals("SMS.2015", delete.errorCode(), "its server is still stopping: " + delete);
        assertEquals("ABORTING", showTask("t").path("state").asText());
        JsonNode stopped = showTask("t");
        assertEquals("ABORT", stopped.path("state").asText(), "the third read of the task finds it paused");
        assertEquals("stopped", stopped.path("source_server").path("state").asText());
        assertEquals(200, Wire.to(Contract.SMS, "POST", "/v3/tasks/delete").token(ALICE_TOKEN)
                .body(Map.of("ids", List.of("t"))).send().status());
    }

    @Test
    void theAgentsReportMovesTheServerAndItsTasks() {
        Seed.empty().source(SOURCE, ALICE_DOMAIN, SourceServerState.REPLICATE, true)
                .task("running", ALICE_DOMAIN, SOURCE, TaskState.RUNNING)
                .task("ready", ALICE_DOMAIN, SOURCE, TaskState.READY).load();
        assertEquals(200, report(SOURCE, "{\"copystate\": \"SYNCING\", \"migrationcycle\": \"syncing\"}").status());
        assertEquals("SYNCING", showTask("running").path("state").asText());
        assertEquals("READY", showTask("ready").path("state").asText(), "a task that was not started stays");
        assertEquals("syncing", showServer(SOURCE).path("migration_cycle").asText());

        assertEquals(200, report(SOURCE, "{\"copystate\": \"FINISHED\"}").status());
        JsonNode done = showTask("running");
        assertEquals("MIGRATE_SUCCESS", done.path("state").asText());
        assertTrue(done.path("finish_date").asLong() > 0, done::toString);
        assertEquals("finished", showServer(SOURCE).path("state").asText());
        assertEquals("syncing", showServer(SOURCE).path("migration_cycle").asText(), "a cycle left out is kept");

        assertEquals(200, report(SOURCE, "{\"copystate\": \"INIT\"}").status());
        assertEquals("initialize", showServer(SOURCE).path("state").asText());

        Exchange unknown = report("nope", "{\"copystate\": \"ERROR\"}");
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("SMS.1803", unknown.errorCode());
    }

    private static Exchange report(String sourceId, String json) {
        return Wire.to(Contract.SMS, "PUT", "/v3/sources/" + sourceId + "/changestate").token(ALICE_TOKEN)
                .body(json).send();
    }

    private static Exchange deleteServers(String token, List<String> ids) {
        return Wire.to(Contract.SMS, "POST", "/v3/sources/delete").token(token).body(Map.of("ids", ids)).send();
    }

    @Test
    void deletingServersIsAllOrNothingByTheTaskDeletionsRule() {
        Seed seed = Seed.empty().source("idle", ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .source("offline", ALICE_DOMAIN, SourceServerState.SYNCING, false)
                .source("busy", ALICE_DOMAIN, SourceServerState.CLONING, true)
                .task("t-idle", ALICE_DOMAIN, "idle").task("t-offline", ALICE_DOMAIN, "offline");
        seed.load();
        Exchange unknown = deleteServers(ALICE_TOKEN, List.of("idle", "nope", "busy"));
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("SMS.1803", unknown.errorCode());
        assertEquals("nope", unknown.json().path("error_param").path(0).asText());
        Exchange busy = deleteServers(ALICE_TOKEN, List.of("idle", "busy"));
        assertEquals(400, busy.status(), busy::toString);
        assertEquals("SMS.2015", busy.errorCode());
        assertEquals("busy", busy.json().path("error_param").path(0).asText());
        Exchange refused = deleteServers(CAROL_TOKEN, List.of("idle"));
        assertEquals("SMS.9004", refused.errorCode());
        assertEquals("idle", showServer("idle").path("id").asText(), "nothing deleted so far");
        assertTrue(State.taskExists(ALICE_DOMAIN, "t-idle"));

        assertEquals(200, deleteServers(ALICE_TOKEN, List.of("idle", "offline", "idle")).status());
        assertFalse(State.taskExists(ALICE_DOMAIN, "t-idle"), "a server's tasks go with it");
        assertFalse(State.taskExists(ALICE_DOMAIN, "t-offline"));
        assertEquals(List.of("busy"), Wire.to(Contract.SMS, "GET", "/v3/sources").token(ALICE_TOKEN).send().json()
                .path("source_servers").findValuesAsText("id"));
        Exchange one = Wire.to(Contract.SMS, "DELETE", "/v3/sources/busy").token(ALICE_TOKEN).send();
        assertEquals("SMS.2015", one.errorCode(), one::toString);
    }

    @Test
    void theOverviewCountsServersByStateAndThoseWithoutATask() {
        Seed.empty().source("a", ALICE_DOMAIN, SourceServerState.SYNCING, true)
                .source("b", ALICE_DOMAIN, SourceServerState.SYNCING, false)
                .source("c", ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .source("d", ALICE_DOMAIN, SourceServerState.CLEARED, true)
                .task("t", ALICE_DOMAIN, "a").load();
        JsonNode overview = Wire.to(Contract.SMS, "GET", "/v3/sources/overview").token(ALICE_TOKEN).send().json();
        assertEquals(2, overview.path("syncing").asInt());
        assertEquals(1, overview.path("stopped").asInt());
        assertEquals(0, overview.path("waiting").asInt());
        assertEquals(3, overview.path("unconfigured").asInt());
        JsonNode bobs = Wire.to(Contract.SMS, "GET", "/v3/sources/overview").token(BOB_TOKEN).send().json();
        assertEquals(0, bobs.path("syncing").asInt() + bobs.path("unconfigured").asInt(), "another account counts nothing");
    }

    @Test
    void anotherAccountsIdsAnswerAsUnknownOnesAndChangeNothing() {
        Seed.empty().source(SOURCE, ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .task("t", ALICE_DOMAIN, SOURCE, TaskState.READY).load();
        Exchange action = action(BOB_TOKEN, "t", "start");
        Exchange nowhere = action(BOB_TOKEN, "nowhere", "start");
        assertEquals(404, action.status());
        assertEquals(nowhere.errorCode(), action.errorCode());
        assertEquals("SMS.1802", action.errorCode());
        for (Exchange answer : List.of(
                Wire.to(Contract.SMS, "PUT", "/v3/sources/" + SOURCE + "/changestate").token(BOB_TOKEN)
                        .body("{\"copystate\": \"SYNCING\"}").send(),
                Wire.to(Contract.SMS, "DELETE", "/v3/sources/" + SOURCE).token(BOB_TOKEN).send(),
                deleteServers(BOB_TOKEN, List.of(SOURCE)))) {
            assertEquals(404, answer.status(), answer::toString);
            assertEquals("SMS.1803", answer.errorCode());
        }
        assertEquals("READY", showTask("t").path("state").asText());
        assertEquals("stopped", showServer(SOURCE).path("state").asText());
    }
}
