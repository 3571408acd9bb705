package io.batchops.server.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON error body of every family: the gateway's and the control API's add {@code request_id}; SMS's may add
 * {@code error_param}, {@code details} and {@code encoded_authorization_message}; DRS's has only
 * code and message. Absent parts are left out, never written as null.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("error_msg") String errorMsg,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("encoded_authorization_message") String encodedAuthorizationMessage,
        @JsonProperty("error_param") List<String> errorParam,
        @JsonProperty("details") List<Detail> details) {

    /** The specs bound {@code error_msg} and each detail message to 255 characters. */
    static final int MAX_MESSAGE = 255;
    /** The SMS spec bounds {@code error_param} and {@code details} to 20 entries. */
    static final int MAX_ENTRIES = 20;

    public record Detail(@JsonProperty("error_code") String errorCode, @JsonProperty("error_msg") String errorMsg) {
    }

    public static ErrorBody of(ApiException e, Language language, String requestId) {
        ErrorCode code = e.code();
        String message = clip(e.message(language));
        return switch (code.family()) {
            case GATEWAY, ADMIN -> new ErrorBody(code.code(), message, requestId, null, null, null);
            case DRS, IAM -> new ErrorBody(code.code(), message, null, null, null, null);
            case SMS -> new ErrorBody(code.code(), message, null, e.encodedAuthorizationMessage(),
                    first(e.errorParams()),
                    first(e.details()).stream().map(m -> new Detail(code.code(), clip(m))).toList());
        };
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static List<String> first(List<String> entries) {
        return entries.size() <= MAX_ENTRIES ? entries : entries.subList(0, MAX_ENTRIES);
    }
}
