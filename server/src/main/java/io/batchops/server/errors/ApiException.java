package io.batchops.server.errors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The one exception for every expected failure: an {@link ErrorCode} with its message arguments and
 * the optional parts of the SMS error body. {@link ApiExceptionMapper} writes it.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final transient Object[] args;
    private final List<String> errorParams;
    private final List<String> details;
    private final String encodedAuthorizationMessage;
    /** A message given as it is, in every language, instead of the code's template. */
    private final String fixedMessage;

    private ApiException(ErrorCode code, Object[] args, List<String> errorParams, List<String> details,
            String encodedAuthorizationMessage, String fixedMessage) {
        super(code.code() + ": " + (fixedMessage != null ? fixedMessage : code.message(Language.EN_US, args)), null,
                false, false);
        this.code = code;
        this.args = args.clone();
        this.errorParams = List.copyOf(errorParams);
        this.details = List.copyOf(details);
        this.encodedAuthorizationMessage = encodedAuthorizationMessage;
        this.fixedMessage = fixedMessage;
    }

    private ApiException(ErrorCode code, Object[] args, List<String> errorParams, List<String> details,
            String encodedAuthorizationMessage) {
        this(code, args, errorParams, details, encodedAuthorizationMessage, null);
    }

    /** The message without its code, in English: for a log or a start-up failure. */
    public String englishMessage() {
        return fixedMessage != null ? fixedMessage : code.message(Language.EN_US, args);
    }

    /** An error with this message, as a fault rule gives it. */
    public static ApiException withMessage(ErrorCode code, String message) {
        return new ApiException(code, new Object[0], List.of(), List.of(), null, message);
    }

    public static ApiException of(ErrorCode code, Object... args) {
        return new ApiException(code, args, List.of(), List.of(), null);
    }

    /** An error that names its offending parameters or ids in {@code error_param}. */
    public static ApiException withParams(ErrorCode code, List<String> errorParams, Object... args) {
        return new ApiException(code, args, errorParams, List.of(), null);
    }

    /**
     * Bad input in {@code field} (as the client wrote it: {@code ids[3]}, {@code X-Language},
     * {@code body}); the message names the field and what is wrong, and SMS also lists the field in
     * {@code error_param}.
     */
    public static ApiException invalidInput(Family family, InputProblem problem, String field, String detail) {
        return withParams(ErrorCode.invalidInput(family, problem, field), List.of(field), field + ": " + detail);
    }

    /**
     * The caller's principal lacks an action: the seed's SMS.9004 body (message, error_param, details,
     * encoded_authorization_message), or DRS's code and message.
     */
    public static ApiException permissionDenied(Family family, String action, String resource) {
        String sentence = "You do not have permission to perform action " + action + " on resource " + resource + ".";
        if (family == Family.DRS) {
            return of(ErrorCode.DRS_PERMISSION_DENIED, sentence);
        }
        // The real service encrypts this; here it is only encoded, so a tester can read what was denied.
        String encoded = Base64.getEncoder().encodeToString(
                ("{\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"}").getBytes(StandardCharsets.UTF_8));
        return new ApiException(ErrorCode.SMS_PERMISSION_DENIED, new Object[] {sentence}, List.of(sentence),
                List.of(sentence), encoded);
    }

    public ErrorCode code() {
        return code;
    }

    /** The same failure, told with another code of the same arguments (IAM's 401 for the gateway's). */
    public ApiException as(ErrorCode other) {
        return new ApiException(other, args, errorParams, details, encodedAuthorizationMessage, fixedMessage);
    }

    public String message(Language language) {
        return fixedMessage != null ? fixedMessage : code.message(language, args);
    }

    public List<String> errorParams() {
        return errorParams;
    }

    /** Messages of {@code details} entries; each carries this exception's code. */
    public List<String> details() {
        return details;
    }

    public String encodedAuthorizationMessage() {
        return encodedAuthorizationMessage;
    }
}
