package io.batchops.contract.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar the build made, in a process of its own, on the JVM that runs the tests. */
public final class RealJar implements AutoCloseable {
    public static final Path JAR = Path.of(System.getProperty("batchops.server.jar", "../server/target/batchops-server.jar"));
    /** The class-data archive the build trained for the jar. */
    public static final Path ARCHIVE = JAR.resolveSibling("batchops-server.jsa");
    public static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElse("java"));

    /** The start-up line, in either log format; group 1 is the port. */
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    public final Process process;
    /** The port the server printed it listens on. */
    public final int port;
    /** Every line the server printed so far, its start-up lines included. */
    private final List<String> output;

    private RealJar(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts {@code java <jvmOptions> -jar <jar> --port 0 <arguments>} and waits until it listens. */
    public static RealJar start(List<String> jvmOptions, String... arguments) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "build the server first: " + JAR.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "--port", "0"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            List<String> output = new CopyOnWriteArrayList<>();
            return new RealJar(process, portOf(process, output), output);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int portOf(Process server, List<String> lines) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                // Keep reading the output, so that the server never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        output.lines().forEach(lines::add);
                    } catch (UncheckedIOException closed) {
                        // The process was stopped and its output closed: nothing more to read.
                    }
                }, "server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(listening.group(1));
            }
        }
        throw new IllegalStateException("the server stopped before listening: " + String.join("\n", lines));
    }

    /** The lines the server printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Where it listens, as {@code http://127.0.0.1:PORT}. */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops it as SIGTERM does (requests under way finished, the state closed) and waits until it has. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server did not stop within 30 s");
    }

    /** Kills it as {@code kill -9} does, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Kills it and waits until it is gone, so that its files are closed when this returns. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
