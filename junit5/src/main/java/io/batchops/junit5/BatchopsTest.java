package io.batchops.junit5;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class with batchops and its defaults: started once for the class, reset before each test;
 * test methods (and constructors) take the {@link BatchopsExtension} as a parameter.
 *
 * <pre>{@code
 * @BatchopsTest
 * class CleanerTest {
 *     @Test
 *     void deletes(BatchopsExtension batchops) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BatchopsExtension.class)
public @interface BatchopsTest {
}
