package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's JUnit 5 example is example.MigrationCleanerTest, which runs with this module's tests. */
class ReadmeExampleTest {
    @Test
    void theReadmeShowsTheExampleThatRuns() throws IOException {
        String example = Files.readString(Path.of("src/test/java/example/MigrationCleanerTest.java"));
        String shown = example.substring(example.indexOf("import static"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + shown + "```"),
                "README.md must show src/test/java/example/MigrationCleanerTest.java from its imports on, as it is");
    }
}
