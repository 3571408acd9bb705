package io.batchops.server.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.server.gateway.GatewayGuard;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The gateway's body limits are the specs': an operation's {@code x-max-body-bytes} where its request
 * body has one, the gateway's 1 MiB everywhere else, and the limits the specs' texts name.
 */
class BodyLimitsTest {
    private static final List<String> SPECS = List.of("sms.yaml", "drs.yaml", "iam.yaml", "admin.yaml");
    private static final List<String> METHODS = List.of("get", "head", "post", "put", "delete");

    @Test
    void everyOperationHasTheLimitItsSpecGives() {
        int withOwnLimit = 0;
        for (String file : SPECS) {
            JsonNode paths = Specs.read(file).path("paths");
            for (var path = paths.fields(); path.hasNext();) {
                var entry = path.next();
                String concrete = entry.getKey().replaceAll("\\{[^}]+}", "x");
                for (String method : METHODS) {
                    JsonNode operation = entry.getValue().path(method);
                    if (operation.isMissingNode()) {
                        continue;
                    }
                    JsonNode own = operation.path("requestBody").path("x-max-body-bytes");
                    withOwnLimit += own.isMissingNode() ? 0 : 1;
                    long expected = own.isMissingNode() ? GatewayGuard.MAX_BODY_BYTES : own.asLong();
                    assertEquals(expected, GatewayGuard.maxBodyBytes(method.toUpperCase(Locale.ROOT), concrete),
                            file + ": " + method + " " + entry.getKey());
                }
            }
        }
        assertEquals(2, withOwnLimit, "the state import and the fixtures");
    }

    @Test
    void theSpecsTextsNameTheLimits() {
        JsonNode responses = Specs.read("admin.yaml").path("components").path("responses");
        assertTrue(responses.path("PayloadTooLarge").path("description").asText()
                .contains((GatewayGuard.MAX_BODY_BYTES >> 20) + " MiB"), responses.path("PayloadTooLarge").toString());
        assertTrue(responses.path("StateTooLarge").path("description").asText()
                .contains((GatewayGuard.MAX_STATE_BYTES >> 20) + " MiB"), responses.path("StateTooLarge").toString());
        for (String file : SPECS) {
            assertTrue(Specs.description(file).contains("| 413 | APIGW.0201 | the body exceeds " + (GatewayGuard.MAX_BODY_BYTES >> 20) + " MiB"), file);
        }
    }
}
