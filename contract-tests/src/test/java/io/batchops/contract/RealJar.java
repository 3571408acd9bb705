package io.batchops.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The runnable jar the build made, in a process of its own, on the JVM that runs the tests. */
final class RealJar implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("batchops.server.jar", "../server/target/batchops-server.jar"));
    /** The class-data archive the build trained for the jar. */
    static final Path ARCHIVE = JAR.resolveSibling("batchops-server.jsa");
    static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElse("java"));

    final Process process;
    /** The port the server printed it listens on. */
    final int port;

    private RealJar(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code java <jvmOptions> -jar <jar> --port 0 <arguments>} and waits until it listens. */
    static RealJar start(List<String> jvmOptions, String... arguments) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "build the server first: " + JAR.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "--port", "0"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new RealJar(process, portOf(process));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int portOf(Process server) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> before = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("batchops listening on")) {
                int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
                // Keep draining the output, so that the server never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
            before.add(line);
        }
        throw new IllegalStateException("the server stopped before listening: " + String.join("\n", before));
    }

    /** Where it listens, as {@code http://127.0.0.1:PORT}. */
    String uri() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
