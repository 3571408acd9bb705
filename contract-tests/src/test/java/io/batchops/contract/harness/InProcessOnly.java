package io.batchops.contract.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Tests of the server's process or code rather than its contract (start-up, shutdown, its Java enums
 * and records, the packaged jar): they run only when the suite starts batchops itself, not against a
 * batchops at {@code batchops.test.uri}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(named = "batchops.test.uri", matches = ".+",
        disabledReason = "tests this JVM's own batchops, not the one at batchops.test.uri")
public @interface InProcessOnly {
}
