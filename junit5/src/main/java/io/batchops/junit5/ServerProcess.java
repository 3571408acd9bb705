package io.batchops.junit5;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * batchops in a JVM of its own, a child of the test's: nothing of the server (its libraries, its
 * logging, its JVM options) meets the test's class path. A stopped server is kept for the next start
 * with the same options in this JVM (its state is then reset), so only a JVM's first start pays for a
 * JVM; all of them stop when the test JVM exits, and each stops by itself if the test JVM is killed.
 */
final class ServerProcess {
    /** What a server is started with; servers started alike are interchangeable once reset. */
    record Options(Path credentials, int port, Integer journalSize, String adminToken) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Options, Deque<ServerProcess>> IDLE = new HashMap<>();
    private static final List<ServerProcess> ALL = new ArrayList<>();
    private static boolean hookAdded;
    /** One server per JVM writes a missing archive; the others start without one. */
    private static final Set<Path> ARCHIVES_BEING_WRITTEN = ConcurrentHashMap.newKeySet();

    private Options options;
    private final Process process;
    private final ServerLog log;
    private final URI uri;
    private final String adminToken;
    private final Path archiveBeingWritten;
    private final Path archive;

    private ServerProcess(Options options, Process process, ServerLog log, URI uri, String adminToken,
            Path archiveBeingWritten, Path archive) {
        this.options = options;
        this.process = process;
        this.log = log;
        this.uri = uri;
        this.adminToken = adminToken;
        this.archiveBeingWritten = archiveBeingWritten;
        this.archive = archive;
    }

    /**
     * An idle server started with {@code options}, or a new one; {@code fresh} says which. With
     * {@code keepPort}, a server started on any free port is kept as one started on the port it took.
     * {@code meanwhile} runs while a new server's JVM starts.
     */
    static synchronized ServerProcess acquire(Options options, boolean keepPort, boolean[] fresh, Runnable meanwhile) {
        Deque<ServerProcess> idle = IDLE.get(options);
        while (idle != null && !idle.isEmpty()) {
            ServerProcess kept = idle.pop();
            if (kept.process.isAlive()) {
                fresh[0] = false;
                return kept;
            }
        }
        if (options.port() != 0) {
            // A kept server with other options may hold the port this one needs.
            IDLE.forEach((other, servers) -> servers.removeIf(server -> {
                if (server.uri.getPort() == options.port()) {
                    server.stop();
                    return true;
                }
                return false;
            }));
        }
        fresh[0] = true;
        ServerProcess started = start(options, meanwhile);
        if (keepPort && options.port() == 0) {
            started.options = new Options(options.credentials(), started.uri.getPort(), options.journalSize(),
                    options.adminToken());
        }
        ALL.add(started);
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::stopAll, "batchops-stop"));
            hookAdded = true;
        }
        return started;
    }

    /** Keeps this server for the next start with the same options. */
    synchronized void release() {
        synchronized (ServerProcess.class) {
            if (process.isAlive()) {
                IDLE.computeIfAbsent(options, any -> new ArrayDeque<>()).push(this);
            }
        }
    }

    URI uri() {
        return uri;
    }

    String adminToken() {
        return adminToken;
    }

    private static ServerProcess start(Options options, Runnable meanwhile) {
        ServerJar jar = ServerJar.locate();
        String adminToken = options.adminToken() != null ? options.adminToken() : HexFormat.of().formatHex(bytes(16));
        // In the user's private directory: a port file elsewhere could be planted, and the token sent there.
        Path portFile = jar.directory().resolve(
                "port-" + ProcessHandle.current().pid() + "-" + Long.toHexString(RANDOM.nextLong()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path archiveBeingWritten = null;
        if (Files.isRegularFile(jar.archive())) {
            command.add("-XX:SharedArchiveFile=" + jar.archive());
        } else if (ARCHIVES_BEING_WRITTEN.add(jar.archive())) {
            archiveBeingWritten = jar.archive().resolveSibling(jar.archive().getFileName() + "." + ProcessHandle.current().pid()
                    + "-" + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            command.add("-XX:ArchiveClassesAtExit=" + archiveBeingWritten);
        }
        // Not the archive's notes (classes it leaves out, a JVM it does not fit): the archive is only a speed-up.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-jar");
        command.add(jar.jar().toString());
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(options.port()), "--log-format", "json",
                "--port-file", portFile.toString(), "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        if (options.credentials() != null) {
            command.addAll(List.of("--credentials", options.credentials().toAbsolutePath().toString()));
        }
        if (options.journalSize() != null) {
            command.addAll(List.of("--journal-size", options.journalSize().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // The test JVM's settings for batchops or for JVMs are not this server's.
        environment.keySet().removeIf(name -> name.startsWith("BATCHOPS_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        // In the environment, not on the command line: other users of the machine see the process list.
        environment.put("BATCHOPS_ADMIN_TOKEN", adminToken);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start batchops (" + command.get(0) + "): " + e.getMessage(), e);
        }
        ServerLog log = new ServerLog();
        Thread reader = new Thread(() -> forward(process, log), "batchops-log-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        meanwhile.run();
        int port = awaitPort(process, portFile, log);
        Path archive = archiveBeingWritten == null ? null : jar.archive();
        return new ServerProcess(options, process, log, URI.create("http://127.0.0.1:" + port), adminToken,
                archiveBeingWritten, archive);
    }

    private static int awaitPort(Process process, Path portFile, ServerLog log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(portFile)) {
                    String text = Files.readString(portFile, StandardCharsets.US_ASCII).trim();
                    Files.deleteIfExists(portFile);
                    return Integer.parseInt(text);
                }
                if (process.waitFor(5, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("batchops did not start (exit " + process.exitValue() + "):\n"
                            + log.tail());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IllegalStateException("batchops did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + log.tail());
    }

    private static void forward(Process process, ServerLog log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.accept(line);
            }
        } catch (IOException e) {
            // The process is gone.
        }
    }

    /** Stops the server, keeping the class-data archive it wrote on the way out. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return;
        }
        if (archiveBeingWritten != null) {
            try {
                if (Files.isRegularFile(archiveBeingWritten) && Files.size(archiveBeingWritten) > 0) {
                    Files.move(archiveBeingWritten, Objects.requireNonNull(archive), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                // Only a speed-up: the next start writes it again.
            } finally {
                try {
                    Files.deleteIfExists(archiveBeingWritten);
                } catch (IOException ignored) {
                    // As above.
                }
            }
        }
    }

    private static void stopAll() {
        List<ServerProcess> all;
        synchronized (ServerProcess.class) {
            all = new ArrayList<>(ALL);
            IDLE.clear();
        }
        // Asked together, so that their archives are written side by side.
        all.forEach(server -> server.process.destroy());
        all.forEach(ServerProcess::stop);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "batchops at " + uri + " (pid " + process.pid() + ")";
    }
}
