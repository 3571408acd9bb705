package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers kept from one test JVM to the next, with real test JVMs ({@link TestJvm}) one after the
 * other and side by side, in a temporary directory of their own.
 */
class KeptServersTest {
    @TempDir
    static Path temporary;

    /** The first JVM with this temporary directory writes the class-data archive; servers are kept once it exists. */
    @BeforeAll
    static void writeTheArchive() throws Exception {
        TestJvm.Result first = TestJvm.run(temporary, Map.of());
        assertEquals(0, first.tasksAtStart());
        assertTrue(Files.list(privateDirectory(temporary)).anyMatch(file -> file.toString().endsWith(".jsa")),
                "no class-data archive after the first JVM");
    }

    @Test
    void theNextTestJvmGetsTheKeptServerReset() throws Exception {
        Map<String, String> alike = Map.of(TestJvm.JOURNAL_SIZE, "101");
        TestJvm.Result starter = TestJvm.run(temporary, alike);
        TestJvm.Result next = TestJvm.run(temporary, alike);
        assertEquals(starter.url(), next.url(), "the server the JVM before started");
        assertEquals(0, next.tasksAtStart(), "its state reset (the JVM before left a task)");
    }

    @Test
    void testJvmsSideBySideNeverShareAServer() throws Exception {
        Map<String, String> alike = Map.of(TestJvm.JOURNAL_SIZE, "102");
        TestJvm.run(temporary, alike);
        try (TestJvm holding = TestJvm.startHolding(temporary, alike)) {
            TestJvm.Result beside = TestJvm.run(temporary, alike);
            assertNotEquals(holding.url(), beside.url(), "a server another test JVM is using");
        }
    }

    @Test
    void withKeepAliveZeroTheServerStopsWithItsTestJvm() throws Exception {
        TestJvm.Result alone = TestJvm.run(temporary, Map.of(KeptServers.KEEP_ALIVE_PROPERTY, "0"));
        awaitRefused(alone.url());
    }

    @Test
    void anUnusedServerStopsAfterTheKeepAliveAndIsNotHandedOut(@TempDir Path other) throws Exception {
        // The archive copied: servers are kept from the first JVM on.
        Path directory = Files.createDirectory(privateDirectory(other),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Stream<Path> files = Files.list(privateDirectory(temporary))) {
            for (Path archive : files.filter(file -> file.toString().endsWith(".jsa")).toList()) {
                Files.copy(archive, directory.resolve(archive.getFileName()));
            }
        }
        TestJvm.Result kept = TestJvm.run(other, Map.of(KeptServers.KEEP_ALIVE_PROPERTY, "1"));
        awaitRefused(kept.url());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".port")).toList(),
                    "a server that stopped leaves no port behind");
        }
        TestJvm.run(other, Map.of(KeptServers.KEEP_ALIVE_PROPERTY, "1"));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.filter(file -> file.toString().endsWith(".lock")).count(),
                    "the slot of the server that stopped, removed by the next JVM");
        }
    }

    @Test
    void aKeepAliveThatIsNotANumberOfSecondsIsRefusedWithItsSource() {
        String was = System.getProperty(KeptServers.KEEP_ALIVE_PROPERTY);
        System.setProperty(KeptServers.KEEP_ALIVE_PROPERTY, "2m");
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, KeptServers::keepAliveSeconds);
            assertEquals("-Dbatchops.keepAlive=2m: expected seconds, 0 or more (0 stops batchops with the test JVM)",
                    refused.getMessage());
        } finally {
            if (was == null) {
                System.clearProperty(KeptServers.KEEP_ALIVE_PROPERTY);
            } else {
                System.setProperty(KeptServers.KEEP_ALIVE_PROPERTY, was);
            }
        }
    }

    private static Path privateDirectory(Path temporary) {
        return temporary.resolve("batchops-" + System.getProperty("user.name").toLowerCase(java.util.Locale.ROOT));
    }

    private static void awaitRefused(String url) throws InterruptedException {
        int port = URI.create(url).getPort();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(100);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                throw new AssertionError(other);
            }
        }
        throw new AssertionError("the server at " + url + " still runs");
    }

    /**
     * A test JVM of a user's: starts the extension, says where batchops is and how many tasks it
     * holds, leaves a task behind, and stops (or, given "hold", waits until its input closes).
     */
    static final class TestJvm implements AutoCloseable {
        /** A journal size of its own makes a test's servers its own: servers started otherwise are not interchangeable. */
        static final String JOURNAL_SIZE = "test.journalSize";

        record Result(String url, int tasksAtStart) {
        }

        private final Process process;
        private final String url;

        private TestJvm(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        public static void main(String[] args) throws IOException {
            BatchopsExtension batchops = BatchopsExtension.create()
                    .withJournalSize(Integer.getInteger(JOURNAL_SIZE, 100)).start();
            System.out.println("URL " + batchops.baseUrl());
            System.out.println("TASKS " + batchops.control().exportState().getSms().getTasks().size());
            batchops.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
            System.out.println("READY");
            if (args.length > 0) {
                System.in.read();
            }
            batchops.stop();
        }

        static Result run(Path temporary, Map<String, String> properties) throws Exception {
            Process process = launch(temporary, properties, false);
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), String.join("\n", lines));
            return new Result(value(lines, "URL"), Integer.parseInt(value(lines, "TASKS")));
        }

        static TestJvm startHolding(Path temporary, Map<String, String> properties) throws Exception {
            Process process = launch(temporary, properties, true);
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = out.readLine(); line != null && !line.equals("READY"); line = out.readLine()) {
                lines.add(line);
            }
            return new TestJvm(process, value(lines, "URL"));
        }

        String url() {
            return url;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }

        private static Process launch(Path temporary, Map<String, String> properties, boolean hold) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + temporary,
                    "-D" + ServerJar.JAR_PROPERTY + "=" + System.getProperty(ServerJar.JAR_PROPERTY, "")));
            properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.add(TestJvm.class.getName());
            if (hold) {
                command.add("hold");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().remove(KeptServers.KEEP_ALIVE_VARIABLE);
            return builder.start();
        }

        private static String value(List<String> lines, String name) {
            return lines.stream().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length() + 1))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in:\n"
                            + lines.stream().collect(Collectors.joining("\n"))));
        }
    }
}
