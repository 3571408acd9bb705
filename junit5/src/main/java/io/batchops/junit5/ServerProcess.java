package io.batchops.junit5;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * batchops in a JVM of its own, started by the test's: nothing of the server (its libraries, its
 * logging, its JVM options) meets the test's class path. A stopped server is kept for the next start
 * with the same options in this JVM (its state is then reset), so only a JVM's first start pays for a
 * JVM. Once the class-data archive exists, servers on any port are also kept for the next test JVMs
 * ({@link KeptServers}), for the keep-alive time; otherwise they stop when the test JVM exits, and
 * each stops by itself if the test JVM is killed.
 */
final class ServerProcess {
    /** What a server is started with; servers started alike are interchangeable once reset. */
    record Options(Path credentials, int port, Integer journalSize, String adminToken, Duration deletedJobRetention) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final long FOLLOW_EVERY_MILLIS = 50;
    private static final File NULL_FILE = new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Options, Deque<ServerProcess>> IDLE = new HashMap<>();
    private static final List<ServerProcess> ALL = new ArrayList<>();
    private static boolean hookAdded;
    /** One server per JVM writes a missing archive; the others start without one. */
    private static final Set<Path> ARCHIVES_BEING_WRITTEN = ConcurrentHashMap.newKeySet();

    private Options options;
    /** Null for a server another JVM started and this one leased. */
    private final Process process;
    private final ProcessHandle handle;
    /** Null for a server that stops with this JVM. */
    private final KeptServers.Lease lease;
    private final ServerLog log;
    private final URI uri;
    private final String adminToken;
    private final Path archiveBeingWritten;
    private final Path archive;

    private ServerProcess(Options options, Process process, ProcessHandle handle, KeptServers.Lease lease, ServerLog log,
            URI uri, String adminToken, Path archiveBeingWritten, Path archive) {
        this.options = options;
        this.process = process;
        this.handle = handle;
        this.lease = lease;
        this.log = log;
        this.uri = uri;
        this.adminToken = adminToken;
        this.archiveBeingWritten = archiveBeingWritten;
        this.archive = archive;
    }

    /**
     * An idle server started with {@code options}, or a new one; {@code fresh} says which. With
     * {@code keepPort}, a server started on any free port is kept as one started on the port it took.
     * {@code meanwhile} runs on a thread of its own while a server is found or started; it has run when this returns.
     */
    static synchronized ServerProcess acquire(Options options, boolean keepPort, boolean[] fresh, Runnable meanwhile) {
        Deque<ServerProcess> idle = IDLE.get(options);
        while (idle != null && !idle.isEmpty()) {
            ServerProcess kept = idle.pop();
            if (kept.handle.isAlive()) {
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
        Thread preparing = new Thread(meanwhile, "batchops-prepare");
        preparing.setDaemon(true);
        preparing.start();
        ServerProcess started;
        try {
            started = start(options);
        } finally {
            try {
                preparing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fresh[0] = started.process != null;
        if (keepPort && options.port() == 0) {
            started.options = new Options(options.credentials(), started.uri.getPort(), options.journalSize(),
                    options.adminToken(), options.deletedJobRetention());
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
            if (handle.isAlive()) {
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

    private static ServerProcess start(Options options) {
        ServerJar jar = ServerJar.locate();
        long keepAlive = KeptServers.keepAliveSeconds();
        // A fixed port could be held by a kept server started otherwise; the archive's writer must stop to write it.
        boolean keep = keepAlive > 0 && options.port() == 0 && Files.isRegularFile(jar.archive());
        String key = keep ? KeptServers.key(jar, options) : null;
        if (keep) {
            Optional<KeptServers.Leased> leased = KeptServers.lease(jar.directory(), key);
            if (leased.isPresent()) {
                return leasedServer(options, leased.get());
            }
        }
        KeptServers.Lease lease = keep ? KeptServers.newSlot(jar.directory(), key) : null;
        String adminToken = options.adminToken() != null ? options.adminToken() : HexFormat.of().formatHex(bytes(16));
        // In the user's private directory: a port file elsewhere could be planted, and the token sent there.
        Path portFile = lease != null ? lease.slot.port() : jar.directory().resolve(
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
                "--port-file", portFile.toString()));
        if (lease != null) {
            command.addAll(List.of("--lease-file", lease.slot.lock().toString(), "--lease-idle", Long.toString(keepAlive)));
        } else {
            command.addAll(List.of("--parent-pid", Long.toString(ProcessHandle.current().pid())));
        }
        if (options.credentials() != null) {
            command.addAll(List.of("--credentials", options.credentials().toAbsolutePath().toString()));
        }
        if (options.journalSize() != null) {
            command.addAll(List.of("--journal-size", options.journalSize().toString()));
        }
        if (options.deletedJobRetention() != null) {
            command.addAll(List.of("--deleted-job-retention", Long.toString(options.deletedJobRetention().toSeconds())));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (lease != null) {
            // Not a pipe to this JVM: the server outlives it.
            builder.redirectInput(ProcessBuilder.Redirect.from(NULL_FILE))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(lease.slot.log().toFile()));
        }
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
            if (lease != null) {
                lease.slot.delete();
                lease.close();
            }
            throw new UncheckedIOException("cannot start batchops (" + command.get(0) + "): " + e.getMessage(), e);
        }
        ServerLog log = new ServerLog();
        if (lease != null) {
            KeptServers.announce(lease, process.pid(), adminToken);
            follow(lease.slot.log(), process.toHandle(), log);
        } else {
            Thread reader = new Thread(() -> forward(process, log), "batchops-log-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }
        int port;
        try {
            port = awaitPort(process, portFile, lease == null,
                    () -> lease == null ? log.tail() : ServerLog.tailOf(lease.slot.log()));
        } catch (RuntimeException e) {
            if (lease != null) {
                lease.slot.delete();
                lease.close();
            }
            throw e;
        }
        Path archive = archiveBeingWritten == null ? null : jar.archive();
        return new ServerProcess(options, process, process.toHandle(), lease, log, URI.create("http://127.0.0.1:" + port),
                adminToken, archiveBeingWritten, archive);
    }

    private static ServerProcess leasedServer(Options options, KeptServers.Leased leased) {
        ProcessHandle handle = ProcessHandle.of(leased.pid()).orElseThrow();
        ServerLog log = new ServerLog();
        follow(leased.lease().slot.log(), handle, log);
        return new ServerProcess(options, null, handle, leased.lease(), log,
                URI.create("http://127.0.0.1:" + leased.port()), leased.adminToken(), null, null);
    }

    /** The lines a kept server appends to its log file, while it runs. */
    private static void follow(Path file, ProcessHandle server, ServerLog log) {
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (true) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        if (!server.isAlive()) {
                            return;
                        }
                        Thread.sleep(FOLLOW_EVERY_MILLIS);
                        continue;
                    }
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            log.accept(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // The file or the server is gone.
            }
        }, "batchops-log-" + server.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The port the server writes once listening; {@code remove} the file then, unless it tells later JVMs too. */
    private static int awaitPort(Process process, Path portFile, boolean remove, Supplier<String> tail) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(portFile)) {
                    String text = Files.readString(portFile, StandardCharsets.US_ASCII).trim();
                    if (remove) {
                        Files.deleteIfExists(portFile);
                    }
                    return Integer.parseInt(text);
                }
                if (process.waitFor(5, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("batchops did not start (exit " + process.exitValue() + "):\n"
                            + tail.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IllegalStateException("batchops did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + tail.get());
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

    /**
     * Stops the server, keeping the class-data archive it wrote on the way out; a kept server is only
     * let go, for the next JVM or to stop after the keep-alive.
     */
    void stop() {
        if (lease != null) {
            lease.close();
            return;
        }
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
        all.stream().filter(server -> server.lease == null).forEach(server -> server.process.destroy());
        all.forEach(ServerProcess::stop);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "batchops at " + uri + " (pid " + handle.pid() + (lease != null ? ", kept for the next test JVM" : "") + ")";
    }
}
