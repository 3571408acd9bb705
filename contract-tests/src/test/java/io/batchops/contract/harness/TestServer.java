package io.batchops.contract.harness;

import io.batchops.junit5.BatchopsExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The server under test, reached over HTTP only. By default the JUnit extension starts it once per
 * test JVM, in-process, on a free port (or on {@code batchops.test.port}, where a proxy in front of it
 * expects it). With {@code -Dbatchops.test.uri=URL} (and {@code -Dbatchops.test.admin-token}) the
 * suite runs against that batchops instead, which must have been started with
 * {@code --credentials contract-tests/src/test/resources/principals.json}: the principals below.
 * Each test loads the state it needs with {@link #reset}.
 */
public final class TestServer {
    public static final Path PRINCIPALS = Path.of("src/test/resources/principals.json");

    public static final String ALICE_TOKEN = "alice-token";
    public static final String ALICE_DOMAIN = "d0a11ce0000000000000000000000001";
    public static final String ALICE_PROJECT = "p0a11ce0000000000000000000000001";
    /** Alice's tokens at the spec's X-Auth-Token bounds, so that a request at a bound can succeed. */
    public static final String SHORTEST_TOKEN = "a";
    public static final String LONGEST_TOKEN = "L".repeat(16384);

    public static final String BOB_TOKEN = "bob-token";
    public static final String BOB_DOMAIN = "d0b0b000000000000000000000000002";
    public static final String BOB_PROJECT = "p0b0b000000000000000000000000002";

    /** In Alice's account and project, allowed nothing. */
    public static final String CAROL_TOKEN = "carol-token";
    /** In Alice's account and project, allowed only to stop DRS jobs. */
    public static final String DAVE_TOKEN = "dave-token";

    /** An access key pair, for the official SDK and for signed raw requests. */
    public record AccessKey(String ak, String sk) {
    }

    public static final AccessKey ALICE_KEY = new AccessKey("ALICEACCESSKEY000001", "alice-secret-key");
    public static final AccessKey BOB_KEY = new AccessKey("BOBACCESSKEY00000002", "bob-secret-key");
    public static final AccessKey CAROL_KEY = new AccessKey("CAROLACCESSKEY000003", "carol-secret-key");
    /** The development principal's pair, as the README documents it (for servers started without a credentials file). */
    public static final AccessKey DEVELOPMENT_KEY = new AccessKey("BATCHOPSDEVACCESSKEY", "batchops-development-secret-key-not-secret");

    private static final BatchopsExtension BATCHOPS = BatchopsExtension.create()
            .withCredentials(PRINCIPALS)
            .withPort(Integer.getInteger("batchops.test.port", 0))
            .withoutResetBeforeEach()
            .start();

    /** The control API's token. */
    public static final String ADMIN_TOKEN = BATCHOPS.adminToken();

    private TestServer() {
    }

    public static URI uri() {
        return URI.create(BATCHOPS.baseUrl());
    }

    /** Whether the suite started the server itself (so that tests of the process itself can run). */
    public static boolean inProcess() {
        return BATCHOPS.startedHere();
    }

    /** Alice's token of exactly {@code length} characters: the tokens at the spec's bounds. */
    public static String tokenOfLength(int length) {
        return List.of(ALICE_TOKEN, SHORTEST_TOKEN, LONGEST_TOKEN).stream()
                .filter(token -> token.length() == length).findFirst()
                .orElseThrow(() -> new AssertionError("Alice has no token of length " + length + "; add one"));
    }

    /**
     * Replaces all state with {@code fixtures} (through {@code PUT /_batchops/state}), puts back the
     * default timing of transitions and the control clock, removes every fault rule.
     */
    public static void reset(Object fixtures) {
        // The clock first: a deleted job loaded without its time of deletion is dated by it.
        setClock(0);
        expect(204, Wire.to(Contract.ADMIN, "PUT", "/_batchops/state").header("X-Batchops-Admin-Token", ADMIN_TOKEN)
                .body(fixtures).send(), "replace the state");
        expect(200, Wire.to(Contract.ADMIN, "PUT", "/_batchops/timing").header("X-Batchops-Admin-Token", ADMIN_TOKEN)
                .body(Map.of("mode", "immediate")).send(), "reset the timing");
        expect(204, Wire.to(Contract.ADMIN, "DELETE", "/_batchops/faults").header("X-Batchops-Admin-Token", ADMIN_TOKEN)
                .send(), "remove the fault rules");
    }

    /** Runs the control clock, which issued tokens, temporary keys and deleted jobs expire by, {@code seconds} ahead. */
    public static void setClock(long seconds) {
        expect(200, Wire.to(Contract.ADMIN, "PUT", "/_batchops/clock").header("X-Batchops-Admin-Token", ADMIN_TOKEN)
                .body(Map.of("offset_seconds", seconds)).send(), "set the clock");
    }

    private static void expect(int status, Exchange exchange, String what) {
        if (exchange.status() != status) {
            throw new AssertionError("cannot " + what + ": " + exchange);
        }
    }
}
