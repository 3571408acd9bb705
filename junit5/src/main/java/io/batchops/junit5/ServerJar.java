package io.batchops.junit5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.jar.JarEntry;

/**
 * The batchops server jar a child JVM runs, and the class-data archive that makes its later starts fast.
 * The jar travels inside this extension's own jar (so that nothing of the server reaches the test's
 * class path) and is copied out once per version into a directory of the user's; the system property
 * {@value #JAR_PROPERTY} names another. The archive is specific to the jar and to the JVM running it:
 * the first server of a JVM build writes it as it stops, and every later one maps it.
 */
final class ServerJar {
    /** A server jar to run instead of the one inside this extension (batchops' own build uses it). */
    static final String JAR_PROPERTY = "batchops.server.jar";
    private static final String RESOURCE = "batchops-server.jar";

    private final Path directory;
    private final Path jar;
    private final Path archive;

    private ServerJar(Path directory, Path jar, Path archive) {
        this.directory = directory;
        this.jar = jar;
        this.archive = archive;
    }

    static ServerJar locate() {
        Path directory = cacheDirectory();
        String given = System.getProperty(JAR_PROPERTY, "");
        Path jar;
        String identity;
        try {
            if (!given.isBlank()) {
                jar = Path.of(given).toAbsolutePath();
                identity = jar + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
            } else {
                URL resource = ServerJar.class.getResource(RESOURCE);
                if (resource == null) {
                    throw new IllegalStateException("the server jar is missing from batchops-junit5 (" + RESOURCE
                            + "), and -D" + JAR_PROPERTY + " names none");
                }
                if ("file".equals(resource.getProtocol())) {
                    jar = Path.of(resource.toURI());
                    identity = jar + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
                } else {
                    JarURLConnection connection = (JarURLConnection) resource.openConnection();
                    connection.setUseCaches(false);
                    JarEntry entry = connection.getJarEntry();
                    identity = Long.toHexString(entry.getCrc()) + "-" + entry.getSize();
                    jar = directory.resolve("batchops-server-" + identity + ".jar");
                    if (!Files.exists(jar)) {
                        copy(connection.getInputStream(), jar);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the batchops server jar: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String vm = System.getProperty("java.home") + ":" + System.getProperty("java.vm.version");
        String key = Integer.toHexString(identity.hashCode()) + "-" + Integer.toHexString(vm.hashCode());
        return new ServerJar(directory, jar, directory.resolve("batchops-server-" + key + ".jsa"));
    }

    Path jar() {
        return jar;
    }

    /** This user's private directory, where the copied jar and the archives are. */
    Path directory() {
        return directory;
    }

    /** The archive for this jar and this JVM; it may not exist yet. */
    Path archive() {
        return archive;
    }

    /**
     * A directory only this user can write: under the temporary directory, made private; another user's
     * directory of that name is never used (its jar could be anything).
     */
    private static Path cacheDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "batchops-" + user.toLowerCase(Locale.ROOT));
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectory(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(directory);
                }
            }
            String owner = Files.getOwner(directory).getName();
            if (!owner.equals(System.getProperty("user.name")) || !Files.isWritable(directory)) {
                return Files.createTempDirectory("batchops-");
            }
            return directory;
        } catch (IOException e) {
            try {
                return Files.createTempDirectory("batchops-");
            } catch (IOException again) {
                throw new UncheckedIOException("cannot make a directory for the batchops server jar", again);
            }
        }
    }

    /** Whole or not at all: another JVM starting at the same time may be copying it too. */
    private static void copy(InputStream in, Path target) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), ".batchops-server", ".tmp");
        try (in) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
