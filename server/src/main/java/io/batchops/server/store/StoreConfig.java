package io.batchops.server.store;

import java.nio.file.Path;

/**
 * Where the state lives: in memory (the default, gone at stop), in an embedded database in
 * {@code dataDir} (H2: survives a restart, one process at a time), or in the PostgreSQL database at
 * {@code databaseUrl} (shared by any number of instances). At most one of the two is set.
 */
public record StoreConfig(Path dataDir, String databaseUrl, String databaseUser, String databasePassword) {
    public static final StoreConfig IN_MEMORY = new StoreConfig(null, null, null, null);

    public StoreConfig {
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
        return new StoreConfig(dataDir, null, null, null);
    }

    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(null, url, user, password);
    }

    /** Opens the store: a database's schema is created or brought up to date first. */
    public Store open() {
        if (dataDir != null) {
            return JdbcStore.embedded(dataDir);
        }
        if (databaseUrl != null) {
            return JdbcStore.postgres(databaseUrl, databaseUser, databasePassword);
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
