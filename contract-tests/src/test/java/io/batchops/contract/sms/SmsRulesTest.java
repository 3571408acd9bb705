package io.batchops.contract.sms;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static io.batchops.contract.harness.TestServer.BOB_DOMAIN;
import static io.batchops.contract.harness.TestServer.BOB_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The SMS state rules of the spec's operation description: all or nothing, in the documented order. */
class SmsRulesTest {
    /** The seed page's list of source-server statuses that block deletion while connected. */
    private static final Set<String> BLOCKING = Set.of("initialize", "stopping", "deleting", "cloning", "replicate",
            "syncing", "cutovering", "skipping", "clearing", "premiging");

    private static Exchange delete(String token, List<String> ids) {
        return Target.SMS_DELETE.request().token(token).body(Map.of("ids", ids)).send();
    }

    private static List<String> errorParams(Exchange answer) {
        List<String> params = new ArrayList<>();
        answer.json().path("error_param").forEach(param -> params.add(param.asText()));
        return params;
    }

    /** Every source-server status, connected and not, beside a task that is always deletable. */
    @TestFactory
    Stream<DynamicTest> eachSourceServerStatus() {
        return Stream.of(SourceServerState.values()).flatMap(state -> Stream.of(true, false).map(connected ->
                DynamicTest.dynamicTest(state.name().toLowerCase() + (connected ? " connected" : " not connected"), () -> {
                    Seed seed = Seed.deletableTasks(ALICE_DOMAIN, List.of("free"))
                            .source("src", ALICE_DOMAIN, state, connected)
                            .task("held", ALICE_DOMAIN, "src");
                    seed.load();
                    Exchange answer = delete(ALICE_TOKEN, List.of("free", "held"));
                    boolean blocks = connected && BLOCKING.contains(state.name().toLowerCase());
                    if (blocks) {
                        assertEquals(400, answer.status(), answer::toString);
                        assertEquals("SMS.2015", answer.errorCode());
                        assertEquals(List.of("held"), errorParams(answer));
                        assertEquals("1 task(s) cannot be deleted: the source server is connected and in a status that blocks deletion",
                                answer.errorMsg());
                    } else {
                        assertEquals(200, answer.status(), answer::toString);
                    }
                    assertEquals(blocks, State.taskExists(ALICE_DOMAIN, "free"), "the batch is all or nothing");
                    assertEquals(blocks, State.taskExists(ALICE_DOMAIN, "held"));
                })));
    }

    /** Each blocking status goes in by the seed page's own name and comes out of SMS's API under it. */
    @Test
    void theWireNamesOfTheBlockingStatusesAreTheSeedPagesOwn() {
        List<Map<String, Object>> sources = BLOCKING.stream().sorted().map(name -> Map.<String, Object>of("id", "src-" + name,
                "domain_id", ALICE_DOMAIN, "name", "src-" + name, "state", name, "connected", true)).toList();
        Exchange loaded = Wire.admin("PUT", "/_batchops/state").body(Map.of("sms", Map.of("sources", sources))).send();
        assertEquals(204, loaded.status(), loaded::toString);
        for (String name : BLOCKING) {
            Exchange source = Wire.to(Contract.SMS, "GET", "/v3/sources/src-" + name).token(ALICE_TOKEN).send();
            assertEquals(200, source.status(), source::toString);
            assertEquals(name, source.json().path("state").asText(), source::toString);
        }
    }

    @Test
    void aMixedBatchNamesEveryBlockingTaskInRequestOrderAndDeletesNothing() {
        Seed seed = Seed.deletableTasks(ALICE_DOMAIN, List.of("a", "b", "c"))
                .source("busy", ALICE_DOMAIN, SourceServerState.CLONING, true)
                .task("x", ALICE_DOMAIN, "busy")
                .task("y", ALICE_DOMAIN, "busy");
        seed.load();
        Map<String, String> before = State.of(seed);
        Exchange answer = delete(ALICE_TOKEN, List.of("y", "a", "b", "x", "c"));
        assertEquals(400, answer.status(), answer::toString);
        assertEquals(List.of("y", "x"), errorParams(answer));
        assertTrue(answer.errorMsg().startsWith("2 task(s)"), answer::toString);
        assertEquals(before, State.of(seed));
    }

    @Test
    void unknownIdsAreAllNamedAndNothingIsDeleted() {
        Seed seed = Seed.deletableTasks(ALICE_DOMAIN, List.of("1"));
        seed.load();
        Exchange answer = delete(ALICE_TOKEN, List.of("x", "1", "y"));
        assertEquals(404, answer.status(), answer::toString);
        assertEquals("SMS.1802", answer.errorCode());
        assertEquals("2 task(s) do not exist", answer.errorMsg());
        assertEquals(List.of("x", "y"), errorParams(answer));
        assertTrue(State.taskExists(ALICE_DOMAIN, "1"));
    }

    @Test
    void anUnknownIdIsReportedBeforeABlockingTask() {
        Seed seed = Seed.empty().source("busy", ALICE_DOMAIN, SourceServerState.SYNCING, true).task("held", ALICE_DOMAIN, "busy");
        seed.load();
        Exchange answer = delete(ALICE_TOKEN, List.of("held", "nope"));
        assertEquals(404, answer.status(), answer::toString);
        assertEquals(List.of("nope"), errorParams(answer));
    }

    @Test
    void anEmptyIdNamesNoTask() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1")).load();
        Exchange answer = delete(ALICE_TOKEN, List.of("1", ""));
        assertEquals(404, answer.status(), answer::toString);
        assertEquals(List.of(""), errorParams(answer));
        assertTrue(State.taskExists(ALICE_DOMAIN, "1"));
    }

    @Test
    void aDuplicateIdIsDeletedOnce() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
        Exchange answer = delete(ALICE_TOKEN, List.of("1", "2", "1", "1"));
        assertEquals(200, answer.status(), answer::toString);
        assertFalse(State.taskExists(ALICE_DOMAIN, "1"));
        assertFalse(State.taskExists(ALICE_DOMAIN, "2"));
    }

    @Test
    void aDeletedTaskIsUnknownAfterwards() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1")).load();
        assertEquals(200, delete(ALICE_TOKEN, List.of("1")).status());
        Exchange again = delete(ALICE_TOKEN, List.of("1"));
        assertEquals(404, again.status(), again::toString);
        assertEquals(List.of("1"), errorParams(again));
    }

    @Test
    void theTaskOwnStatusDoesNotBlock() {
        Seed seed = Seed.empty().source("idle", ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .task("running", ALICE_DOMAIN, "idle", TaskState.RUNNING);
        seed.load();
        assertEquals(200, delete(ALICE_TOKEN, List.of("running")).status());
        assertFalse(State.taskExists(ALICE_DOMAIN, "running"), "the running task was deleted");
    }

    @Test
    void errorParamHoldsTheFirstTwentyAndTheMessageTheTotal() {
        Seed.empty().load();
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> "n" + i).toList();
        Exchange answer = delete(ALICE_TOKEN, ids);
        assertEquals(404, answer.status(), answer::toString);
        assertEquals(ids.subList(0, 20), errorParams(answer));
        assertEquals("25 task(s) do not exist", answer.errorMsg());
    }

    /** Bob's task answers Alice exactly as an id that does not exist, and stays. */
    @Test
    void anotherAccountsTaskCannotBeToldFromAMissingOne() {
        Seed seed = Seed.deletableTasks(BOB_DOMAIN, List.of("bobs", "1")).and(Seed.deletableTasks(ALICE_DOMAIN, List.of("1")));
        seed.load();
        Exchange foreign = delete(ALICE_TOKEN, List.of("bobs"));
        Seed.deletableTasks(BOB_DOMAIN, List.of("1")).and(Seed.deletableTasks(ALICE_DOMAIN, List.of("1"))).load();
        Exchange missing = delete(ALICE_TOKEN, List.of("none"));
        assertEquals(missing.status(), foreign.status());
        assertEquals(missing.errorCode(), foreign.errorCode());
        assertEquals(missing.errorMsg(), foreign.errorMsg());

        seed.load();
        assertEquals(200, delete(ALICE_TOKEN, List.of("1")).status());
        assertFalse(State.taskExists(ALICE_DOMAIN, "1"));
        assertTrue(State.taskExists(BOB_DOMAIN, "1"), "Alice's request deleted Bob's task of the same id");
        assertTrue(State.taskExists(BOB_DOMAIN, "bobs"));
        assertEquals(200, delete(BOB_TOKEN, List.of("bobs", "1")).status());
    }

    /** Two requests racing for the same task: exactly one deletes it, the other is told it is gone. */
    @Test
    void concurrentDeletionsOfOneTaskSucceedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                Seed.deletableTasks(ALICE_DOMAIN, List.of("contested", "a" + round, "b" + round)).load();
                CountDownLatch start = new CountDownLatch(1);
                List<String> first = List.of("contested", "a" + round);
                List<String> second = List.of("b" + round, "contested");
                List<CompletableFuture<Exchange>> racers = List.of(first, second).stream()
                        .map(ids -> CompletableFuture.supplyAsync(() -> {
                            await(start);
                            return delete(ALICE_TOKEN, ids);
                        }, pool)).toList();
                start.countDown();
                List<Integer> statuses = racers.stream().map(CompletableFuture::join).map(Exchange::status).sorted().toList();
                assertEquals(List.of(200, 404), statuses, "round " + round);
                int winners = (State.taskExists(ALICE_DOMAIN, "a" + round) ? 0 : 1) + (State.taskExists(ALICE_DOMAIN, "b" + round) ? 0 : 1);
                assertEquals(1, winners, "exactly one batch applied, whole");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
