package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real jar's start: from the class-data archive the build trained for it, and asking G1 to
 * give memory back once idle, unless the command line chose otherwise.
 */
@InProcessOnly
class StartupIT {
    private static final Path JCMD = RealJar.JAVA.resolveSibling("jcmd");
    /** A line of {@code jcmd VM.flags -all}: type, name, =, value. */
    private static final Pattern FLAG = Pattern.compile("^\\s*\\S+\\s+(\\S+)\\s+:?=\\s+(\\S+)");

    /** What a launcher that started batchops on any free port reads, and how no server outlives its launcher. */
    @Test
    void writesItsPortAndStopsWithTheProcessItWasToldToFollow(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Process launcher = new ProcessBuilder("sleep", "300").start();
        Path portFile = directory.resolve("port");
        try (RealJar jar = RealJar.start(List.of(), "--port-file", portFile.toString(), "--parent-pid",
                Long.toString(launcher.pid()))) {
            assertEquals(jar.port + "\n", Files.readString(portFile, StandardCharsets.US_ASCII));
            assertTrue(jar.process.isAlive());
            launcher.destroyForcibly();
            launcher.waitFor();
            assertTrue(jar.process.waitFor(30, TimeUnit.SECONDS),
                    "batchops still runs after the process it follows ended");
            assertEquals(0, jar.process.exitValue());
            assertTrue(jar.output().stream().anyMatch(line -> line.contains("process " + launcher.pid() + " ended")),
                    String.join("\n", jar.output()));
        } finally {
            launcher.destroyForcibly();
        }
    }

    /** How the JUnit extension keeps a server for the next test JVM: it runs while anyone holds the lease file's lock. */
    @Test
    void runsWhileItsLeaseFileIsLockedThenStopsOnceIdleRemovingItsPortFile(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path leaseFile = Files.createFile(directory.resolve("lease"));
        Path portFile = directory.resolve("port");
        try (FileChannel lease = FileChannel.open(leaseFile,
                StandardOpenOption.WRITE)) {
            FileLock held = lease.lock();
            try (RealJar jar = RealJar.start(List.of(), "--port-file", portFile.toString(), "--lease-file",
                    leaseFile.toString(), "--lease-idle", "1")) {
                // Checked every second: three checks find it held.
                assertFalse(jar.process.waitFor(3_500, TimeUnit.MILLISECONDS),
                        "stopped though its lease file was locked");
                held.release();
                assertTrue(jar.process.waitFor(30, TimeUnit.SECONDS),
                        "still runs with its lease file unlocked");
                assertEquals(0, jar.process.exitValue());
                assertFalse(Files.exists(portFile), "the port file of a server that stopped");
                assertTrue(jar.output().stream().anyMatch(line -> line.contains("no one has used this server for 1 s")),
                        String.join("\n", jar.output()));
            }
        }
    }

    @Test
    void startsFromTheArchiveTheBuildMade() throws Exception {
        // With -Xshare:on, a JVM that cannot map the archive (missing, stale, another jar) refuses to start.
        try (RealJar jar = RealJar.start(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + RealJar.ARCHIVE))) {
            HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.port + "/_batchops/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        }
    }

    @Test
    void asksG1ToGiveMemoryBackWhenIdle() throws Exception {
        try (RealJar jar = RealJar.start(List.of("-XX:+UseG1GC"))) {
            Map<String, String> flags = flags(jar);
            assertEquals("3000", flags.get("G1PeriodicGCInterval"));
            assertEquals("10", flags.get("MinHeapFreeRatio"));
            assertEquals("30", flags.get("MaxHeapFreeRatio"));
        }
    }

    @Test
    void leavesTheCommandLinesChoice() throws Exception {
        try (RealJar jar = RealJar.start(List.of("-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=60000", "-XX:MinHeapFreeRatio=20"))) {
            Map<String, String> flags = flags(jar);
            assertEquals("60000", flags.get("G1PeriodicGCInterval"));
            assertEquals("20", flags.get("MinHeapFreeRatio"));
            assertEquals("70", flags.get("MaxHeapFreeRatio"), "the JVM's default, kept with the minimum given");
        }
    }

    @Test
    void refusesThePublicCredentialsOnAnAddressOthersCanReach() throws Exception {
        Process refused = new ProcessBuilder(RealJar.JAVA.toString(), "-jar", RealJar.JAR.toString(), "--host", "0.0.0.0",
                "--port", "0").redirectErrorStream(true).start();
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS), "it exits");
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, refused.exitValue(), output);
        assertTrue(output.contains("--allow-development-credentials") && !output.contains("Exception"), output);
        try (RealJar allowed = RealJar.start(List.of(), "--host", "0.0.0.0", "--allow-development-credentials")) {
            assertTrue(allowed.port > 0, "starts when the operator says so");
        }
    }

    @Test
    void aBadValueNamesItsEnvironmentVariableAndABadDataDirSaysWhy() throws Exception {
        ProcessBuilder fromVariable = new ProcessBuilder(RealJar.JAVA.toString(), "-jar", RealJar.JAR.toString()).redirectErrorStream(true);
        fromVariable.environment().put("BATCHOPS_PORT", "abc");
        Process port = fromVariable.start();
        assertTrue(port.waitFor(60, TimeUnit.SECONDS), "it exits");
        String portOutput = new String(port.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, port.exitValue(), portOutput);
        assertTrue(portOutput.contains("'abc' is not an int (from the environment variable BATCHOPS_PORT)"), portOutput);

        Path file = Files.createTempFile("batchops-not-a-directory", ".txt");
        try {
            Process dataDir = new ProcessBuilder(RealJar.JAVA.toString(), "-jar", RealJar.JAR.toString(), "--port", "0",
                    "--data-dir", file.toString()).redirectErrorStream(true).start();
            assertTrue(dataDir.waitFor(60, TimeUnit.SECONDS), "it exits");
            String output = new String(dataDir.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, dataDir.exitValue(), output);
            assertTrue(output.contains("cannot create --data-dir " + file + ": a file of that name is in the way"), output);
            assertFalse(output.contains("another batchops"), output);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The server process's JVM options, read through jcmd. */
    private static Map<String, String> flags(RealJar jar) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(JCMD), "jcmd is needed, next to " + RealJar.JAVA);
        Process jcmd = new ProcessBuilder(JCMD.toString(), Long.toString(jar.process.pid()), "VM.flags", "-all")
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.waitFor(), output);
        return output.lines().map(FLAG::matcher).filter(Matcher::find)
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (first, second) -> first));
    }
}
