package io.batchops.contract.conformance;

import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile corpus ({@code hostile/corpus.jsonl}, written by {@code hostile/generate.py}): each
 * request is sent byte for byte over a plain socket, and must get its documented 4xx with the JSON
 * error body, never a 5xx; a listing through the API afterwards shows the state unchanged.
 */
class HostileCorpusTest {
    private static final String CORPUS = "/hostile/corpus.jsonl";
    /** The floor: at least this many hostile requests. */
    private static final int MINIMUM_SIZE = 200;

    /** A raw answer: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return status + " " + headers.get("content-type") + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    static List<JsonNode> corpus() {
        try (var in = HostileCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertTrue(in != null, "no " + CORPUS + " on the test class path");
            List<JsonNode> entries = new java.util.ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    entries.add(Exchange.MAPPER.readTree(line));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertTrue(corpus().size() >= MINIMUM_SIZE, "only " + corpus().size() + " hostile requests");
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsItsError() {
        return corpus().stream().map(entry -> DynamicTest.dynamicTest(entry.get("name").asText(), () -> {
            Seed.aliceSample().load();
            String before = State.listing();
            Answer answer = send(entry);
            int expected = entry.get("status").asInt();
            assertTrue(answer.status() < 500, () -> "a server error: " + answer);
            assertEquals(expected, answer.status(), answer::toString);
            assertEquals("application/json", answer.headers().get("content-type"), answer::toString);
            assertTrue(answer.headers().containsKey("x-request-id"), answer::toString);
            assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer::toString);
            JsonNode body = Exchange.MAPPER.readTree(answer.body());
            if (entry.hasNonNull("code")) {
                assertEquals(entry.get("code").asText(), body.path("error_code").asText(), answer::toString);
            }
            assertFalse(body.path("error_msg").asText().isEmpty(), answer::toString);
            assertEquals(before, State.listing(), "the state changed");
        }));
    }

    private static String fill(String text) {
        return text.replace("{token}", ALICE_TOKEN).replace("{project}", ALICE_PROJECT)
                .replace("{admin}", TestServer.ADMIN_TOKEN);
    }

    /** A string, or pieces each a string or [string, times]. */
    private static String expand(JsonNode value) {
        if (value.isTextual()) {
            return fill(value.asText());
        }
        StringBuilder text = new StringBuilder();
        value.forEach(piece -> text.append(piece.isTextual() ? fill(piece.asText()) : fill(piece.get(0).asText()).repeat(piece.get(1).asInt())));
        return text.toString();
    }

    private static Answer send(JsonNode entry) throws IOException {
        byte[] body = entry.hasNonNull("body_hex") ? HexFormat.of().parseHex(entry.get("body_hex").asText())
                : entry.hasNonNull("body") ? expand(entry.get("body")).getBytes(StandardCharsets.UTF_8) : null;
        boolean chunked = entry.path("chunked").asBoolean(false);
        Map<String, String> headers = new LinkedHashMap<>();
        entry.get("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), expand(header.getValue())));
        for (int i = 0; i < entry.path("filler_headers").asInt(0); i++) {
            headers.put("X-Filler-" + i, "v".repeat(30));
        }
        StringBuilder head = new StringBuilder()
                .append(entry.get("method").asText()).append(' ').append(fill(entry.get("path").asText())).append(" HTTP/1.1\r\n")
                .append("Host: ").append(TestServer.uri().getAuthority()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(TestServer.uri().getHost(), TestServer.uri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    writeBody(out, body, chunked);
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer (413) and close before reading the whole body: read its answer.
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
        if (!chunked) {
            out.write(body);
            return;
        }
        int chunk = 64 * 1024;
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, () -> "no HTTP answer: '" + text + "'");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, text.substring(end + 4));
    }
}
