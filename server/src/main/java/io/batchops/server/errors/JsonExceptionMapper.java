package io.batchops.server.errors;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request body that is not JSON, or not JSON of the contract's shape; or, the server's own fault, an answer Jackson cannot write. */
public final class JsonExceptionMapper extends ErrorResponses<JsonProcessingException> {
    /**
     * Jackson names a missing required property, and tells a duplicate field from other syntax errors,
     * only in its messages (JsonExceptionMapperTest pins both against the Jackson in use).
     */
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern REFUSED_VALUE = Pattern.compile("Unexpected value '(.*)'");

    @Override
    protected ApiException translate(JsonProcessingException failure, Family family, ContainerRequestContext request) {
        if (serversOwn(failure)) {
            return UnexpectedExceptionMapper.internalError(failure, family, request);
        }
        return describe(failure, family);
    }

    /**
     * Whether the failure is the server's, not the body's: an answer that cannot be written, or a type
     * Jackson cannot handle at all. Those are bugs (500 with a logged reference), not bad input.
     */
    static boolean serversOwn(JsonProcessingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidDefinitionException || cause instanceof JsonGenerationException) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with a JSON document, as {@code family}'s bad-input error: where (its JSON path) and what was expected. */
    public static ApiException describe(JsonProcessingException failure, Family family) {
        // A refusal raised while the body was read (its size limit) is the answer, whatever Jackson wrapped it in.
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return refusal;
            }
        }
        // The parser's failures (bad syntax, bad UTF-8, nesting too deep), even when a reader wrapped them.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException number) {
                return ApiException.invalidInput(family, InputProblem.OUT_OF_RANGE,
                        failure instanceof JsonMappingException mapping ? path(mapping) : "body", number.getOriginalMessage());
            }
            if (cause instanceof StreamReadException read) {
                if (String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field")) {
                    return ApiException.invalidInput(family, InputProblem.INVALID, "body", read.getOriginalMessage());
                }
                return ApiException.invalidInput(family, InputProblem.MALFORMED, "body",
                        "not valid JSON: " + read.getOriginalMessage() + location(read));
            }
            if (cause instanceof StreamConstraintsException limit) {
                return ApiException.invalidInput(family, InputProblem.MALFORMED, "body", "not acceptable JSON: " + limit.getOriginalMessage());
            }
        }
        if (!(failure instanceof JsonMappingException mapping)) {
            return ApiException.invalidInput(family, InputProblem.MALFORMED, "body", "not valid JSON");
        }
        // Told by where the parser stopped: a second value after the first is found at the top level
        // (the context of its first token, or the one it opens). A body cut short is the parser's
        // failure, above, wherever the mapper was.
        if (mapping.getProcessor() instanceof JsonParser parser && parser.currentToken() != null) {
            JsonStreamContext context = parser.getParsingContext();
            if (parser.currentToken().isStructStart() && context.getParent() != null) {
                context = context.getParent();
            }
            if (context.inRoot() && context.getCurrentIndex() > 0) {
                return ApiException.invalidInput(family, InputProblem.MALFORMED, "body", "not valid JSON: more than one value");
            }
        }
        String path = path(mapping);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return ApiException.invalidInput(family, InputProblem.INVALID, path,
                    "unknown field; allowed: " + unknown.getKnownPropertyIds());
        }
        if (mapping instanceof InvalidNullException) {
            return ApiException.invalidInput(family, InputProblem.MISSING, path, "must not be null");
        }
        Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(mapping.getOriginalMessage()));
        if (missing.find()) {
            // Jackson's path may end with the missing property itself, or stop at its object.
            String property = missing.group(1);
            String field = path.equals("body") ? property
                    : path.equals(property) || path.endsWith("." + property) ? path : path + "." + property;
            return ApiException.invalidInput(family, InputProblem.MISSING, field, "is required");
        }
        Class<?> target = targetType(mapping);
        if (target != null && target.isEnum()) {
            return ApiException.invalidInput(family, InputProblem.OUT_OF_RANGE, path,
                    quotedValue(mapping) + "is not one of " + Arrays.toString(target.getEnumConstants()));
        }
        return ApiException.invalidInput(family, InputProblem.INVALID, path,
                "wrong type, expected " + (target == null ? "another type" : jsonType(target)));
    }

    private static String location(StreamReadException read) {
        return read.getLocation() == null ? ""
                : " (line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() + ")";
    }

    /** The JSON path of the failure, as {@code jobs[0].delete_type}. */
    static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static Class<?> targetType(JsonMappingException mapping) {
        if (mapping instanceof MismatchedInputException mismatch) {
            return mismatch.getTargetType();
        }
        if (mapping instanceof ValueInstantiationException instantiation && instantiation.getType() != null) {
            return instantiation.getType().getRawClass();
        }
        return null;
    }

    /** The refused value, quoted and followed by a space, where Jackson tells it. */
    private static String quotedValue(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' ";
        }
        // The generated enums refuse an unknown value with this message.
        Matcher refused = REFUSED_VALUE.matcher(String.valueOf(mapping.getCause() == null ? "" : mapping.getCause().getMessage()));
        return refused.find() ? "'" + refused.group(1) + "' " : "";
    }

    private static String jsonType(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || !List.of("java.", "javax.").stream().anyMatch(type.getName()::startsWith)) {
            return "object";
        }
        return type.getSimpleName();
    }
}
