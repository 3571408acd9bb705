package io.batchops.contract;

import io.batchops.server.BatchopsServer;
import io.batchops.server.ServerConfig;
import io.batchops.server.auth.Action;
import io.batchops.server.auth.Credentials;
import io.batchops.server.store.Fixtures;
import io.batchops.server.store.InMemoryStore;
import io.batchops.server.store.Store;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The server under test: started once per test JVM, in-process on a free port (or on
 * {@code batchops.test.port}, where a proxy in front of it expects it), with the principals below. Each test loads the state it needs with {@link #reset}.
 */
final class TestServer {
    static final String ADMIN_TOKEN = ServerConfig.DEVELOPMENT_ADMIN_TOKEN;
    static final String ALICE_TOKEN = "alice-token";
    static final String ALICE_DOMAIN = "d0a11ce0000000000000000000000001";
    static final String ALICE_PROJECT = "p0a11ce0000000000000000000000001";
    /** Alice's tokens at the spec's X-Auth-Token bounds, so that a request at a bound can succeed. */
    static final String SHORTEST_TOKEN = "a";
    static final String LONGEST_TOKEN = "L".repeat(16384);

    static final String BOB_TOKEN = "bob-token";
    static final String BOB_DOMAIN = "d0b0b000000000000000000000000002";
    static final String BOB_PROJECT = "p0b0b000000000000000000000000002";

    /** In Alice's account and project, allowed nothing. */
    static final String CAROL_TOKEN = "carol-token";
    /** In Alice's account and project, allowed only to stop DRS jobs. */
    static final String DAVE_TOKEN = "dave-token";

    /** Access key pairs, for the official SDK and for signed raw requests. */
    static final Credentials.AccessKey ALICE_KEY = new Credentials.AccessKey("ALICEACCESSKEY000001", "alice-secret-key");
    static final Credentials.AccessKey BOB_KEY = new Credentials.AccessKey("BOBACCESSKEY00000002", "bob-secret-key");
    static final Credentials.AccessKey CAROL_KEY = new Credentials.AccessKey("CAROLACCESSKEY000003", "carol-secret-key");

    private static final Store STORE = new InMemoryStore();
    private static final BatchopsServer SERVER = BatchopsServer.start(
            new ServerConfig("127.0.0.1", Integer.getInteger("batchops.test.port", 0), null, null), STORE, Credentials.of(List.of(
                    new Credentials.Entry("alice", ALICE_DOMAIN, List.of(ALICE_PROJECT),
                            List.of(ALICE_TOKEN, SHORTEST_TOKEN, LONGEST_TOKEN), List.of(ALICE_KEY), null),
                    new Credentials.Entry("bob", BOB_DOMAIN, List.of(BOB_PROJECT), List.of(BOB_TOKEN), List.of(BOB_KEY), null),
                    new Credentials.Entry("carol", ALICE_DOMAIN, List.of(ALICE_PROJECT), List.of(CAROL_TOKEN),
                            List.of(CAROL_KEY), Set.of()),
                    new Credentials.Entry("dave", ALICE_DOMAIN, List.of(ALICE_PROJECT), List.of(DAVE_TOKEN), null,
                            Set.of(Action.DRS_JOB_STOP)))));

    private TestServer() {
    }

    static URI uri() {
        return SERVER.uri();
    }

    static Store store() {
        return STORE;
    }

    /** Alice's token of exactly {@code length} characters: the tokens at the spec's bounds. */
    static String tokenOfLength(int length) {
        return List.of(ALICE_TOKEN, SHORTEST_TOKEN, LONGEST_TOKEN).stream()
                .filter(token -> token.length() == length).findFirst()
                .orElseThrow(() -> new AssertionError("Alice has no token of length " + length + "; add one"));
    }

    /** Replaces all state with {@code fixtures}, puts back the default timing of transitions, removes every fault rule. */
    static void reset(Fixtures fixtures) {
        STORE.clear();
        fixtures.loadInto(STORE);
        Exchange timing = Wire.to(Contract.ADMIN, "PUT", "/_batchops/timing")
                .header("X-Batchops-Admin-Token", ServerConfig.DEVELOPMENT_ADMIN_TOKEN)
                .body("{\"mode\": \"immediate\"}").send();
        if (timing.status() != 200) {
            throw new AssertionError("cannot reset the timing: " + timing);
        }
        Exchange faults = Wire.to(Contract.ADMIN, "DELETE", "/_batchops/faults")
                .header("X-Batchops-Admin-Token", ServerConfig.DEVELOPMENT_ADMIN_TOKEN).send();
        if (faults.status() != 204) {
            throw new AssertionError("cannot remove the fault rules: " + faults);
        }
    }
}
