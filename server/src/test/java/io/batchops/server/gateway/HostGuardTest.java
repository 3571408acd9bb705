package io.batchops.server.gateway;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Host headers the guard lets through: addresses, localhost, the listening name and the allowed ones. */
class HostGuardTest {
    private final HostGuard guard = new HostGuard("batchops-box", List.of("batchops.internal", " .team.example ", ""), null);

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8080", "LocalHost:1", "127.0.0.1", "127.0.0.1:18080", "10.0.0.255:80",
        "[::1]", "[::1]:8080", "[fe80::1]:8080", "batchops-box:8080", "batchops.internal",
        "batchops.internal.", "BATCHOPS.INTERNAL:443", "team.example", "a.b.team.example:8080"})
    void expectedHostsAreServed(String host) {
        assertTrue(guard.allows(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io", "256.1.1.1",
        "1.2.3", "[evil]", "[]", "", ":8080", "internal", "xbatchops.internal", "evilteam.example", "team.example.evil",
        "batchops-box.evil"})
    void otherHostsAreRefused(String host) {
        assertFalse(guard.allows(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "anything:1"})
    void aStarServesAnyHost(String host) {
        assertTrue(new HostGuard("127.0.0.1", List.of("*"), null).allows(host), host);
    }
}
