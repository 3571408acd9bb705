package io.batchops.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads request bodies with {@link Json#MAPPER} as a whole document, so that its strictness holds to
 * the last byte: a second value after the first ({@code {} {}}) is refused, which a streaming read
 * would not notice. An empty body reads as no body. A {@code null} anywhere is refused as it is read:
 * no schema of the specs is nullable (the official SDK leaves absent values out), and Jackson alone
 * cannot tell an explicit null from an absent property of a record.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Priority(1)
public final class JsonBodyReader implements MessageBodyReader<Object> {
    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return !type.isPrimitive() && !type.getName().startsWith("java.io.");
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entity);
        int first = body.read();
        if (first < 0) {
            return null;
        }
        body.unread(first);
        try (JsonParser parser = new NoNulls(Json.MAPPER.createParser(body))) {
            return Json.MAPPER.readerFor(Json.MAPPER.constructType(genericType)).readValue(parser);
        }
    }

    /** A null in the body, answered as any refused null is; the mapper adds where it was. */
    private static final class NullValue extends InvalidNullException {
        NullValue(String property) {
            super(null, "a null value", PropertyName.construct(property));
        }
    }

    /** A parser that fails on a null value. */
    private static final class NoNulls extends JsonParserDelegate {
        NoNulls(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                NullValue refusal = new NullValue(currentName());
                // A list adds the element's index itself; an object's reader does not add the member's name.
                if (getParsingContext().inObject()) {
                    refusal.prependPath(null, currentName());
                }
                throw refusal;
            }
            return token;
        }
    }
}
