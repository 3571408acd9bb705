package io.batchops.server.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the state lives: in memory (the default, gone at stop), in an embedded database in
 * {@code dataDir} (H2: survives a restart, one process at a time), or in the PostgreSQL database at
 * {@code databaseUrl} (shared by any number of instances). At most one of the two is set.
 * {@code databaseWait}: how long a request waits for a database connection before it is answered 503.
 */
public record StoreConfig(Path dataDir, String databaseUrl, String databaseUser, String databasePassword, Duration databaseWait) {
    public static final Duration DEFAULT_DATABASE_WAIT = Duration.ofSeconds(2);
    public static final StoreConfig IN_MEMORY = new StoreConfig(null, null, null, null, DEFAULT_DATABASE_WAIT);

    public StoreConfig {
        databaseWait = databaseWait == null ? DEFAULT_DATABASE_WAIT : databaseWait;
        // The connection pool's floor.
        if (databaseWait.toMillis() < 250) {
            throw new IllegalArgumentException("--database-wait must be at least 0.25 seconds, not " + databaseWait.toMillis() + " ms");
        }
        databaseUrl = databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl;
        if (dataDir != null && databaseUrl != null) {
            throw new IllegalArgumentException("give --data-dir or --database-url, not both");
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--database-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not "
                    + databaseUrl.replaceAll("//[^/@]*@", "//***@"));
        }
    }

    public static StoreConfig embedded(Path dataDir) {
        return new StoreConfig(dataDir, null, null, null, DEFAULT_DATABASE_WAIT);
    }

    /** The same store, waiting {@code wait} for a connection. */
    public StoreConfig withDatabaseWait(Duration wait) {
        return new StoreConfig(dataDir, databaseUrl, databaseUser, databasePassword, wait);
    }

    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(null, url, user, password, DEFAULT_DATABASE_WAIT);
    }

    /** Opens the store: a database's schema is created or brought up to date first. */
    public Store open() {
        if (dataDir != null) {
            return JdbcStore.embedded(dataDir, databaseWait);
        }
        if (databaseUrl != null) {
            return JdbcStore.postgres(databaseUrl, databaseUser, databasePassword, databaseWait);
        }
        return new InMemoryStore();
    }

    /** Where the state lives, for the start-up banner: no password. */
    public String describe() {
        if (dataDir != null) {
            return "embedded database in " + dataDir.toAbsolutePath();
        }
        if (databaseUrl != null) {
            return "PostgreSQL at " + withoutParameters(databaseUrl);
        }
        return "memory";
    }

    /** A JDBC URL without its parameters, which may hold a password: for messages and logs. */
    static String withoutParameters(String url) {
        return url.replaceAll("[?;].*$", "");
    }

    /** The password is not for logs or test reports. */
    @Override
    public String toString() {
        return "StoreConfig[" + describe() + "]";
    }
}
