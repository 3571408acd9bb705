package io.batchops.contract.safety;

import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No answer is sniffed as another type, and the control API's answers (the state, the journal) are never cached. */
class ResponseHeadersTest {
    @Test
    void theControlApiIsNeverCachedAndNothingIsSniffed() {
        for (String path : new String[] {"/_batchops/state", "/_batchops/requests", "/_batchops/faults"}) {
            Exchange answer = Wire.admin("GET", path).send();
            assertEquals(200, answer.status(), path);
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null), path);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        }
        Exchange refused = Wire.to(io.batchops.contract.harness.Contract.ADMIN, "GET", "/_batchops/state").send();
        assertEquals(401, refused.status());
        assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(null), "a refusal too");
        Exchange tasks = Wire.to(io.batchops.contract.harness.Contract.SMS, "GET", "/v3/tasks").token(TestServer.ALICE_TOKEN).send();
        assertEquals(200, tasks.status());
        assertEquals("nosniff", tasks.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(tasks.headers().firstValue("X-Frame-Options").isEmpty(), "the service APIs answer as the cloud's do");
    }
}
