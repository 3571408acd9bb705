package io.batchops.server.validation;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.InputProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Query values that Jersey would read leniently: an empty value of a number, a boolean or an enum
 * it takes as absent, and any word but "true" as false. The spec allows neither, so they are refused
 * as any value of the wrong type is, after authentication, before the resource runs. Which
 * parameters are not text is read once per method from the generated interface.
 */
@Priority(Priorities.USER)
public final class QueryValues implements ContainerRequestFilter {
    private record Typed(String name, Class<?> type) {
    }

    private final Map<Method, List<Typed>> notText = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        if (uri.getMatchedResourceMethod() == null) {
            return;
        }
        Method method = uri.getMatchedResourceMethod().getInvocable().getDefinitionMethod();
        for (Typed parameter : notText.computeIfAbsent(method, QueryValues::notText)) {
            for (String value : uri.getQueryParameters().getOrDefault(parameter.name(), List.of())) {
                if (value.isEmpty() || (parameter.type() == Boolean.class && !value.equals("true") && !value.equals("false"))) {
                    throw ApiException.invalidInput(Family.of(request), InputProblem.OUT_OF_RANGE, parameter.name(),
                            "'" + value + "' is not a valid value");
                }
            }
        }
    }

    private static List<Typed> notText(Method method) {
        return Arrays.stream(method.getParameters())
                .filter(parameter -> parameter.isAnnotationPresent(QueryParam.class) && parameter.getType() != String.class)
                .map(parameter -> new Typed(parameter.getAnnotation(QueryParam.class).value(), parameter.getType()))
                .toList();
    }
}
