package io.batchops.contract.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** One request sent and the answer received, as bytes on the wire. */
public record Exchange(String method, String path, int status, HttpHeaders headers, String body) {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String errorCode() {
        return json().path("error_code").asText(null);
    }

    public String errorMsg() {
        return json().path("error_msg").asText(null);
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " " + body;
    }
}
