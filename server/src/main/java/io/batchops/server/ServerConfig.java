package io.batchops.server;

import io.batchops.server.journal.Journal;
import java.nio.file.Path;

/**
 * How to run the server. {@code credentials}, {@code seed} and {@code adminToken} may be null: then
 * the development principal is used, the server starts empty, and the control API takes
 * {@value #DEVELOPMENT_ADMIN_TOKEN}. {@code journalSize} is how many requests the journal keeps.
 */
public record ServerConfig(String host, int port, Path credentials, Path seed, String adminToken, int journalSize) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEVELOPMENT_ADMIN_TOKEN = "admin-dev-token";

    public ServerConfig(String host, int port, Path credentials, Path seed) {
        this(host, port, credentials, seed, null, Journal.DEFAULT_CAPACITY);
    }

    public ServerConfig {
        adminToken = adminToken == null || adminToken.isEmpty() ? DEVELOPMENT_ADMIN_TOKEN : adminToken;
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 picks a free port)");
        }
        if (journalSize < 0) {
            throw new IllegalArgumentException("journal size must be 0 (no journal) or more");
        }
    }
}
