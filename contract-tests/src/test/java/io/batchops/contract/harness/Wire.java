package io.batchops.contract.harness;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw HTTP to the server under test, and the spec check of every answer: each exchange's response
 * is validated against the operation's spec before a test sees it.
 */
public final class Wire {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Contract contract;
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean chunked;

    private Wire(Contract contract, String method, String path) {
        this.contract = contract;
        this.method = method;
        this.path = path;
    }

    /** A request to an operation of {@code contract}, with JSON content type. */
    public static Wire to(Contract contract, String method, String path) {
        return new Wire(contract, method, path).header("Content-Type", "application/json");
    }

    /** A request to the control API, with the test server's admin token. */
    public static Wire admin(String method, String path) {
        return to(Contract.ADMIN, method, path).header("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN);
    }

    /** SMS's batch delete of {@code ids}, sent with {@code token}. */
    public static Exchange deleteTasks(String token, List<String> ids) {
        return to(Contract.SMS, "POST", "/v3/tasks/delete").token(token).body(Map.of("ids", ids)).send();
    }

    public Wire token(String token) {
        return header("X-Auth-Token", token);
    }

    public Wire header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    public Wire body(Object json) {
        this.body = json == null ? null : json instanceof String text ? text : Exchange.MAPPER.valueToTree(json).toString();
        return this;
    }

    /** Sends the body with chunked transfer encoding, as the official SDK does. */
    public Wire chunked() {
        this.chunked = true;
        return this;
    }

    public Wire headers(Map<String, String> more) {
        more.forEach(this::header);
        return this;
    }

    /**
     * Sends, checks the answer against the spec and its X-Request-Id, and returns it. When the run
     * puts Prism in front of this contract's operations, the request goes through it, and a violation
     * Prism finds in the answer fails the test too.
     */
    public Exchange send() {
        Exchange exchange = send(relayable() ? contract.prism().orElse(TestServer.uri()) : TestServer.uri());
        contract.assertResponseConforms(exchange);
        contract.assertPrismFoundNoResponseViolation(exchange);
        return exchange;
    }

    private HttpRequest.BodyPublisher publisher() {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // A publisher of unknown length makes the JDK client send the body in chunks.
        return chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
    }

    /**
     * Whether Prism can pass this request on as it is: Node's parser refuses headers over 16 KiB, and
     * Prism re-serializes the body, so it answers bodies that are not JSON itself, drops duplicate
     * keys, and mangles a body that is a lone value (null waits for a body; a string loses its
     * quotes). Those requests test the server's own reading, and go to it directly.
     */
    private boolean relayable() {
        int headerBytes = headers.entrySet().stream().mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum();
        if (headerBytes > 8 * 1024) {
            return false;
        }
        if (body == null || body.isEmpty()) {
            return true;
        }
        try {
            return STRICT_JSON.readTree(body).isContainerNode();
        } catch (IOException notPlainJson) {
            return false;
        }
    }

    /** One JSON document, with no key twice. */
    private static final ObjectReader STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().readerFor(JsonNode.class);

    /** Sends straight to the server, without checking the answer against the spec (for paths the spec does not have). */
    public Exchange sendUnchecked() {
        return send(TestServer.uri());
    }

    private Exchange send(URI base) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(method, path, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
