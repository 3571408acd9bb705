package io.batchops.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --lease-file}: a server kept for whoever holds a lock on a file. Whoever uses the server
 * (the JUnit extension's test JVMs, one after another) locks the file for as long as it does; the
 * operating system drops the lock when that process ends, however it ends. Once no process has held
 * the lock for the idle time, the server takes the lock itself, so that no one leases it while it
 * goes, removes its port file, and stops.
 */
final class Lease {
    private static final Logger LOG = LoggerFactory.getLogger("batchops.start");
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final FileChannel file;
    private final Duration idle;
    private final Path portFile;
    private long idleSince = -1;

    private Lease(FileChannel file, Duration idle, Path portFile) {
        this.file = file;
        this.idle = idle;
        this.portFile = portFile;
    }

    /** Watches {@code leaseFile} from a thread of its own; exits the process once it has been unlocked for {@code idle}. */
    static void stopWhenUnleased(Path leaseFile, Duration idle, Path portFile) {
        FileChannel channel;
        try {
            channel = FileChannel.open(leaseFile, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open --lease-file " + leaseFile + ": " + e.getMessage(), e);
        }
        Lease lease = new Lease(channel, idle, portFile);
        Thread watcher = new Thread(lease::watch, "batchops-lease");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        try {
            while (true) {
                Thread.sleep(CHECK_EVERY.toMillis());
                check(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.info("lease file unusable ({}): stopping", e.getMessage());
            System.exit(0);
        }
    }

    private void check(long now) throws IOException {
        FileLock lock = file.tryLock();
        if (lock == null) {
            idleSince = -1;
            return;
        }
        if (idleSince < 0) {
            idleSince = now;
        }
        if (now - idleSince < idle.toNanos()) {
            lock.release();
            return;
        }
        // The lock stays held until the process is gone: no one finds this server on its way out.
        if (portFile != null) {
            Files.deleteIfExists(portFile);
        }
        LOG.info("no one has used this server for {} s: stopping", idle.toSeconds());
        System.exit(0);
    }
}
