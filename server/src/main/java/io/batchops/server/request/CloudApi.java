package io.batchops.server.request;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources of the emulated cloud's APIs (SMS, DRS, IAM), as opposed to the control API:
 * their requests are journaled and fault rules apply to them, whether or not they authenticate.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CloudApi {
}
