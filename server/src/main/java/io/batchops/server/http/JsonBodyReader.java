package io.batchops.server.http;

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
 * would not notice. An empty body reads as no body.
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
        return Json.MAPPER.readerFor(Json.MAPPER.constructType(genericType)).readValue(body);
    }
}
