package io.batchops.server.validation;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;

/**
 * Reads RFC 3339 date-times in parameters (the specs' {@code format: date-time}), which Jersey has
 * no reader for. A value that does not parse is refused as any ill-typed parameter is.
 */
public final class DateTimeParameters implements ParamConverterProvider {
    private static final ParamConverter<OffsetDateTime> OFFSET_DATE_TIME = new ParamConverter<>() {
        @Override
        public OffsetDateTime fromString(String value) {
            return value == null ? null : OffsetDateTime.parse(value);
        }

        @Override
        public String toString(OffsetDateTime value) {
            return value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == OffsetDateTime.class ? (ParamConverter<T>) OFFSET_DATE_TIME : null;
    }
}
