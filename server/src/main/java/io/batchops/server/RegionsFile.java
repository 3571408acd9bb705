package io.batchops.server;

import io.batchops.server.meta.SdkEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** {@code --regions-file}: the official SDK's regions file, pointing every SMS and DRS region here. */
final class RegionsFile {
    /** The SDK reads a regions file only under such a name (its ProfileRegionCache). */
    private static final Pattern SDK_FILE_NAME = Pattern.compile("[a-zA-Z0-9._ -]+\\.(yml|yaml)");

    private RegionsFile() {
    }

    /** Refuses, before the server starts, a name the SDK would refuse to read. */
    static void check(Path file) {
        Path name = file.getFileName();
        if (name == null || !SDK_FILE_NAME.matcher(name.toString()).matches()) {
            throw new IllegalArgumentException("--regions-file " + file + ": the SDK reads only a file named "
                    + "[a-zA-Z0-9._ -]+ ending in .yaml or .yml");
        }
    }

    static void write(Path file, String baseUrl) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, SdkEndpoints.regionsFile(baseUrl), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write --regions-file " + file + ": " + e.getMessage(), e);
        }
    }
}
