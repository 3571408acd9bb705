package io.batchops.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's credentials are served on loopback only, unless the operator allows it. */
class DevelopmentCredentialsTest {
    @Test
    void loopbackServesThem() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertDoesNotThrow(() -> DevelopmentCredentials.refuseOffLoopback(host, true, true, false), host);
        }
    }

    @Test
    void anyOtherAddressRefusesEitherAndSaysWhatToPass() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> DevelopmentCredentials.refuseOffLoopback("0.0.0.0", true, true, false));
        assertTrue(both.getMessage().contains("development principal") && both.getMessage().contains("default admin token"),
                both.getMessage());
        assertTrue(both.getMessage().contains("--credentials FILE and --admin-token TOKEN"), both.getMessage());
        assertTrue(both.getMessage().contains("--allow-development-credentials"), both.getMessage());
        IllegalArgumentException admin = assertThrows(IllegalArgumentException.class,
                () -> DevelopmentCredentials.refuseOffLoopback("0.0.0.0", false, true, false));
        assertTrue(!admin.getMessage().contains("development principal"), admin.getMessage());
    }

    @Test
    void ownCredentialsOrTheOperatorsWordServeAnywhere() {
        assertDoesNotThrow(() -> DevelopmentCredentials.refuseOffLoopback("0.0.0.0", false, false, false));
        assertDoesNotThrow(() -> DevelopmentCredentials.refuseOffLoopback("0.0.0.0", true, true, true));
    }
}
