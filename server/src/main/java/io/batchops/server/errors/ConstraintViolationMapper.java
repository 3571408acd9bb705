package io.batchops.server.errors;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Comparator;

/**
 * A request that breaks a bound of the spec: the generated interfaces carry the spec's bounds as
 * Bean Validation constraints. The answer names the field as the client wrote it
 * ({@code ids[3]}, {@code X-Language}, {@code body}).
 */
public final class ConstraintViolationMapper extends ErrorResponses<ConstraintViolationException> {
    @Inject
    private Provider<ResourceInfo> resources;

    @Override
    protected ApiException translate(ConstraintViolationException failure, Family family, ContainerRequestContext request) {
        // Several violations: report one, the same one every time.
        ConstraintViolation<?> violation = failure.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .orElseThrow();
        boolean missing = violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
        return ApiException.invalidInput(family, missing ? InputProblem.MISSING : InputProblem.OUT_OF_RANGE,
                fieldOf(violation.getPropertyPath()), violation.getMessage());
    }

    private String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                field.append(parameterName(node.as(Path.ParameterNode.class).getParameterIndex()));
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // A node inside a list carries the list's index: jobs[0].delete_type, ids[3].
                if (node.isInIterable() && node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                if (node.getKind() == ElementKind.PROPERTY) {
                    field.append(field.isEmpty() ? "" : ".").append(jsonName(node.getName()));
                }
            }
        }
        String name = field.toString();
        return name.startsWith("body.") ? name.substring("body.".length()) : name;
    }

    /** A method parameter as the client sees it: its header or path name, or the body. */
    private String parameterName(int index) {
        Method method = resources.get().getResourceMethod();
        Parameter parameter = method.getParameters()[index];
        HeaderParam header = annotation(method, index, HeaderParam.class);
        PathParam pathParam = annotation(method, index, PathParam.class);
        QueryParam query = annotation(method, index, QueryParam.class);
        if (header != null) {
            return header.value();
        }
        if (pathParam != null) {
            return pathParam.value();
        }
        if (query != null) {
            return query.value();
        }
        return parameter.getType().getName().startsWith("java.") ? parameter.getName() : "body";
    }

    /** JAX-RS annotations sit on the generated interface, not on the implementing method. */
    private static <A extends java.lang.annotation.Annotation> A annotation(Method method, int index, Class<A> type) {
        A found = method.getParameters()[index].getAnnotation(type);
        if (found != null) {
            return found;
        }
        for (Class<?> api : method.getDeclaringClass().getInterfaces()) {
            try {
                found = api.getMethod(method.getName(), method.getParameterTypes()).getParameters()[index].getAnnotation(type);
                if (found != null) {
                    return found;
                }
            } catch (NoSuchMethodException e) {
                // not declared by this interface
            }
        }
        return null;
    }

    /** Generated getters are named after the Java property; the wire uses snake_case. */
    private static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
