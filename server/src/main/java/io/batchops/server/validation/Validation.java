package io.batchops.server.validation;

import jakarta.validation.MessageInterpolator;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.Locale;
import org.glassfish.jersey.server.validation.ValidationConfig;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation as the generated interfaces use it, with messages always in English: the error
 * messages must not change with the machine's locale.
 */
public final class Validation implements ContextResolver<ValidationConfig> {
    private final ValidationConfig config = new ValidationConfig().messageInterpolator(new English());

    @Override
    public ValidationConfig getContext(Class<?> type) {
        return config;
    }

    private static final class English implements MessageInterpolator {
        private final MessageInterpolator delegate = new ParameterMessageInterpolator();

        @Override
        public String interpolate(String template, Context context) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }
    }
}
