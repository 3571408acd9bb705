package io.batchops.server.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources (or single resource methods) that only an authenticated principal may call. Not a JAX-RS name binding:
 * those are read from the generated interface that carries {@code @Path}, so {@link AuthFeature}
 * binds the filter instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authenticated {
}
