package io.batchops.contract.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares an answer with a spec example. The examples are the service documentation's, so what the
 * real service generates is left open: {@code XXX} in an example string stands for any text (the
 * documentation's own placeholder), and a {@code request_id} may be any non-empty id. What a
 * recorded request's answer measured or stamped (its {@code seq}, {@code time}, {@code latency_ms}
 * and the {@code fault} rule's id), and what IAM issues or stamps (a token's or a key's times, a
 * temporary key, the control clock's {@code now}) may be any value of its type; a link keeps its path,
 * on whatever address the server has.
 */
public final class Examples {
    private static final String PLACEHOLDER = "XXX";
    private static final java.util.List<String> STAMPED = java.util.List.of(".expires_at", ".issued_at", ".access",
            ".secret", ".securitytoken", ".now");

    private Examples() {
    }

    public static void assertMatches(JsonNode example, JsonNode actual) {
        assertMatches("$", example, actual);
    }

    private static void assertMatches(String where, JsonNode example, JsonNode actual) {
        if (example.isObject()) {
            assertTrue(actual.isObject(), where + ": expected an object, got " + actual);
            assertEquals(names(example), names(actual), where + ": fields differ");
            example.fields().forEachRemaining(field ->
                    assertMatches(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey())));
        } else if (example.isArray()) {
            assertTrue(actual.isArray(), where + ": expected an array, got " + actual);
            assertEquals(example.size(), actual.size(), where + ": sizes differ: " + actual);
            for (int i = 0; i < example.size(); i++) {
                assertMatches(where + "[" + i + "]", example.get(i), actual.get(i));
            }
        } else if (where.endsWith(".seq") || where.endsWith(".latency_ms")) {
            assertTrue(actual.isNumber() && actual.asDouble() >= 0, where + ": expected a number, got " + actual);
        } else if (STAMPED.stream().anyMatch(where::endsWith)) {
            assertTrue(actual.isTextual() && !actual.asText().isEmpty(), where + ": expected a value, got " + actual);
        } else if (where.endsWith(".self")) {
            String path = java.net.URI.create(example.asText()).getPath();
            assertTrue(actual.isTextual() && java.net.URI.create(actual.asText()).getPath().equals(path),
                    where + ": expected a link to " + path + ", got " + actual);
        } else if (where.endsWith(".time") || where.endsWith(".fault")) {
            assertTrue(actual.isTextual() && !actual.asText().isEmpty(), where + ": expected a value, got " + actual);
        } else if (where.endsWith(".request_id")) {
            assertTrue(actual.isTextual() && !actual.asText().isEmpty(), where + ": expected an id, got " + actual);
        } else if (example.isTextual() && example.asText().contains(PLACEHOLDER)) {
            String pattern = Pattern.quote(example.asText()).replace(PLACEHOLDER, "\\E.+\\Q");
            if (!actual.isTextual() || !actual.asText().matches(pattern)) {
                fail(where + ": '" + actual.asText() + "' does not match the example '" + example.asText() + "'");
            }
        } else {
            assertEquals(example, actual, where);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
