package io.batchops.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** One request sent and the answer received, as bytes on the wire. */
record Exchange(String method, String path, int status, HttpHeaders headers, String body) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
        }
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    String errorCode() {
        return json().path("error_code").asText(null);
    }

    String errorMsg() {
        return json().path("error_msg").asText(null);
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " " + body;
    }
}
