package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.batchops.contract.harness.InProcessOnly;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run} compiles {@code bench/BareGrizzly.java} and {@code bench/ExtensionStart.java}
 * only when it runs; a change to the services' constructors or to the extension would otherwise
 * break the benchmark unnoticed until then.
 */
@InProcessOnly
class BenchHarnessTest {

    @Test
    void theBareGrizzlyFloorCompilesAgainstTheServer(@TempDir Path out) {
        compiles("BareGrizzly.java", out);
    }

    @Test
    void theExtensionsStartTimerCompilesAgainstTheExtension(@TempDir Path out) {
        compiles("ExtensionStart.java", out);
    }

    private static void compiles(String file, Path out) {
        Path source = Path.of(System.getProperty("batchops.bench.dir", "../bench")).resolve(file);
        assertEquals(true, Files.isRegularFile(source), "not found: " + source.toAbsolutePath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, status, () -> errors.toString(StandardCharsets.UTF_8));
    }
}
