package io.batchops.server.journal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;

/**
 * One request to a service operation as it was received and answered (admin.yaml's
 * JournalEntry). It holds no token, secret key or signature.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"seq", "time"})
@RecordBuilder
public record JournalEntry(
        @JsonProperty("seq") long seq,
        @JsonIgnore Instant at,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("operation") String operation,
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("query") String query,
        @JsonProperty("principal") String principal,
        @JsonProperty("auth") String auth,
        @JsonProperty("access_key") String accessKey,
        @JsonProperty("refused") String refused,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("ids") List<String> ids,
        @JsonProperty("status") Integer status,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("fault") String fault,
        @JsonProperty("signature") SignatureCheck signature) {

    /** What the server signed for a request whose AK/SK signature did not match. */
    public record SignatureCheck(
            @JsonProperty("canonical_request") String canonicalRequest,
            @JsonProperty("string_to_sign") String stringToSign) {
    }

    /** The request property under which the journal's filter leaves the record of the request it answered. */
    static final String PROPERTY = JournalEntry.class.getName();

    /** The record of a request to a service operation, once answered; null for any other request. */
    public static JournalEntry of(jakarta.ws.rs.container.ContainerRequestContext request) {
        return (JournalEntry) request.getProperty(PROPERTY);
    }

    /** When it was received, in RFC 3339 (UTC). */
    @JsonProperty("time")
    public String time() {
        return at.toString();
    }

    JournalEntry numbered(long number) {
        return JournalEntryBuilder.builder(this).seq(number).build();
    }
}
