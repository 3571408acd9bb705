package io.batchops.server.journal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.auth.AuthFilter;
import io.batchops.server.auth.Authentication;
import io.batchops.server.auth.Principal;
import io.batchops.server.auth.SdkSignature;
import io.batchops.server.errors.ErrorBody;
import io.batchops.server.faults.FaultDecision;
import io.batchops.server.request.Exchange;
import io.soabase.recordbuilder.core.RecordBuilder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.net.URI;
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

    /** A request to a service operation as its {@link Exchange} and its final answer tell it. */
    public static JournalEntry of(Exchange exchange, ContainerRequestContext request, ContainerResponseContext response) {
        Authentication authentication = exchange.get(Authentication.KEY);
        Principal principal = authentication == null ? null : authentication.principal();
        boolean dropped = exchange.dropped();
        SdkSignature.Computed signature = authentication == null ? null : authentication.signature();
        URI uri = request.getUriInfo().getRequestUri();
        return JournalEntryBuilder.builder()
                .at(exchange.arrivedAt()).requestId(exchange.id()).operation(exchange.operation())
                .method(request.getMethod()).path(uri.getRawPath()).query(uri.getRawQuery())
                .principal(principal == null ? null : principal.name()).auth(AuthFilter.schemeOf(request))
                .accessKey(authentication == null ? null : authentication.accessKey())
                .refused(authentication == null ? null : authentication.refusal())
                .tenant(Authentication.tenantOf(exchange, request))
                .ids(exchange.namedIds(request)).status(dropped ? null : response.getStatus())
                .errorCode(!dropped && response.getEntity() instanceof ErrorBody error ? error.errorCode() : null)
                .latencyMs(exchange.latencyNanos() / 1_000_000.0).fault(FaultDecision.firedFor(exchange))
                .signature(signature == null ? null
                        : new SignatureCheck(signature.canonicalRequest(), signature.stringToSign()))
                .build();
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
