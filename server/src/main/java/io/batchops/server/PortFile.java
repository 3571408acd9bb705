package io.batchops.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code --port-file}: the port batchops listens on, for a launcher that asked for any free one. */
final class PortFile {
    private PortFile() {
    }

    /** Written whole or not at all (through a file beside it, then moved), so a reader never sees half a number. */
    static void write(Path file, int port) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path partial = Files.createTempFile(absolute.getParent(), ".batchops-port", ".tmp");
            Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write --port-file " + file + ": " + e.getMessage(), e);
        }
    }
}
