package io.batchops.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer from the server (or a failure to get one): the HTTP status, and the service's
 * {@code error_code} and {@code error_msg}, its {@code error_param} entries and the request id.
 */
public final class BatchopsException extends RuntimeException {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int status;
    private final String errorCode;
    private final String errorMsg;
    private final List<String> errorParams;
    private final String requestId;
    private final String responseBody;

    BatchopsException(int status, HttpHeaders headers, String responseBody, Throwable cause) {
        super(describe(status, responseBody), cause);
        JsonNode body = parse(responseBody);
        this.status = status;
        this.errorCode = text(body, "error_code");
        this.errorMsg = text(body, "error_msg");
        this.errorParams = new ArrayList<>();
        body.path("error_param").forEach(param -> errorParams.add(param.asText()));
        this.requestId = headers == null ? null : headers.firstValue("X-Request-Id").orElse(null);
        this.responseBody = responseBody;
    }

    /** The HTTP status; 0 when no answer arrived (connection refused, timeout). */
    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMsg() {
        return errorMsg;
    }

    public List<String> errorParams() {
        return List.copyOf(errorParams);
    }

    /** The server's {@code X-Request-Id}, to find the request in its log. */
    public String requestId() {
        return requestId;
    }

    public String responseBody() {
        return responseBody;
    }

    private static String describe(int status, String body) {
        return status == 0 ? "no answer from the server" : "HTTP " + status + ": " + body;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
