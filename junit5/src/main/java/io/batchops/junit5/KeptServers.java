package io.batchops.junit5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Servers kept from one test JVM to the next, so that a test run, an IDE's re-run or the next module
 * of a build finds batchops already running (reset) instead of starting a JVM for it. Each kept
 * server has a slot of files in the user's private directory: a lock file, which whoever uses the
 * server holds locked for as long as its JVM runs (the operating system drops the lock when the JVM
 * ends, however it ends), the port the server writes, its process id and control token, and its
 * output. A server whose lock file nobody has held for the keep-alive time stops by itself (server
 * flag {@code --lease-file}). Two test JVMs never share a server: a locked slot is someone else's.
 */
final class KeptServers {
    /** Seconds a server stays for the next test JVM; 0 stops it with the JVM that used it. */
    static final String KEEP_ALIVE_PROPERTY = "batchops.keepAlive";
    static final String KEEP_ALIVE_VARIABLE = "BATCHOPS_KEEP_ALIVE";
    static final long DEFAULT_KEEP_ALIVE_SECONDS = 120;
    private static final String LOCK = ".lock";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptServers() {
    }

    /** The keep-alive in seconds: {@value #KEEP_ALIVE_PROPERTY}, else {@value #KEEP_ALIVE_VARIABLE}, else the default. */
    static long keepAliveSeconds() {
        String property = System.getProperty(KEEP_ALIVE_PROPERTY);
        String variable = System.getenv(KEEP_ALIVE_VARIABLE);
        String source = property != null ? "-D" + KEEP_ALIVE_PROPERTY : KEEP_ALIVE_VARIABLE;
        String value = property != null ? property : variable;
        if (value == null || value.isBlank()) {
            return DEFAULT_KEEP_ALIVE_SECONDS;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // Said below.
        }
        throw new IllegalArgumentException(source + "=" + value + ": expected seconds, 0 or more (0 stops batchops "
                + "with the test JVM)");
    }

    /** What makes two servers interchangeable once reset: the same jar on the same JVM, started with the same options. */
    static String key(ServerJar jar, ServerProcess.Options options) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(jar.archive().getFileName().toString().getBytes(StandardCharsets.UTF_8));
            if (options.credentials() != null) {
                Path credentials = options.credentials().toAbsolutePath();
                digest.update(credentials.toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(credentials));
            }
            digest.update(("|" + options.journalSize() + "|" + options.adminToken() + "|" + options.deletedJobRetention())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + options.credentials() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A slot's files. */
    record Slot(Path lock, Path port, Path server, Path log) {
        static Slot named(Path directory, String name) {
            return new Slot(directory.resolve(name + LOCK), directory.resolve(name + ".port"),
                    directory.resolve(name + ".server"), directory.resolve(name + ".log"));
        }

        void delete() {
            for (Path file : List.of(port, server, log, lock)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // Removed with the next stale slot, or with the directory.
                }
            }
        }
    }

    /** A slot this JVM holds locked: the server in it is this JVM's until {@link #close} or the JVM's end. */
    static final class Lease implements AutoCloseable {
        final Slot slot;
        private final FileChannel channel;

        private Lease(Slot slot, FileChannel channel) {
            this.slot = slot;
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The lock goes with the JVM anyway.
            }
        }
    }

    /** A kept server leased by this JVM. */
    record Leased(Lease lease, int port, long pid, String adminToken) {
    }

    /**
     * Leases a server kept under {@code key} that nobody uses, if there is one; removes on the way the
     * slots of servers that are gone.
     */
    static Optional<Leased> lease(Path directory, String key) {
        List<Path> locks;
        try (Stream<Path> files = Files.list(directory)) {
            locks = files.filter(file -> file.getFileName().toString().endsWith(LOCK)).toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path lockFile : locks) {
            String name = lockFile.getFileName().toString();
            Slot slot = Slot.named(directory, name.substring(0, name.length() - LOCK.length()));
            Lease lease = tryLock(slot);
            if (lease == null) {
                continue;
            }
            Optional<Leased> usable = usable(lease, name.startsWith(key + "."));
            if (usable.isPresent()) {
                return usable;
            }
        }
        return Optional.empty();
    }

    private static Optional<Leased> usable(Lease lease, boolean wanted) {
        Slot slot = lease.slot;
        try {
            int port = Integer.parseInt(Files.readString(slot.port(), StandardCharsets.US_ASCII).trim());
            String[] server = Files.readString(slot.server(), StandardCharsets.US_ASCII).trim().split(" ");
            long pid = Long.parseLong(server[0]);
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && listening(port)) {
                if (wanted) {
                    // Its lines from now on are this JVM's.
                    try (FileChannel log = FileChannel.open(slot.log(), StandardOpenOption.WRITE)) {
                        log.truncate(0);
                    }
                    return Optional.of(new Leased(lease, port, pid, server[1]));
                }
                lease.close();
                return Optional.empty();
            }
        } catch (NoSuchFileException | NumberFormatException | ArrayIndexOutOfBoundsException gone) {
            // A server that stopped (it removes its port file), or whose starter died before naming it.
        } catch (IOException e) {
            lease.close();
            return Optional.empty();
        }
        slot.delete();
        lease.close();
        return Optional.empty();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Lease tryLock(Slot slot) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(slot.lock(), StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new Lease(slot, channel);
            }
        } catch (IOException | OverlappingFileLockException inUse) {
            // Gone meanwhile, or this JVM's own.
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing held.
            }
        }
        return null;
    }

    /** A new slot under {@code key}, locked by this JVM, for a server about to start; null where files cannot be private. */
    static Lease newSlot(Path directory, String key) {
        Slot slot = Slot.named(directory, key + "." + Long.toHexString(RANDOM.nextLong()));
        try {
            Files.createFile(slot.lock(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileChannel channel = FileChannel.open(slot.lock(), StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new IOException("locked by another process");
            }
            return new Lease(slot, channel);
        } catch (IOException | UnsupportedOperationException e) {
            slot.delete();
            return null;
        }
    }

    /** Names the server in {@code lease}'s slot for the JVMs after this one: its process and control token. */
    static void announce(Lease lease, long pid, String adminToken) {
        Path server = lease.slot.server();
        try {
            Path partial = Files.createTempFile(server.getParent(), ".batchops-server", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, pid + " " + adminToken + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, server, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // Not kept for the next JVM then: it stops once this one has gone, after the keep-alive.
        }
    }
}
