package io.batchops.server;

import io.batchops.server.drs.JobRetention;
import io.batchops.server.journal.Journal;
import io.batchops.server.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the server. {@code credentials}, {@code seed} and {@code adminToken} may be null: then
 * the development principal is used, the server starts empty, and the control API takes
 * {@value #DEVELOPMENT_ADMIN_TOKEN}. {@code journalSize} is how many requests the journal keeps;
 * {@code headerTimeout} how long a client may take to send a request's headers, then its body;
 * {@code store} where the state lives (null: in memory); {@code allowedHosts} the host names served
 * besides addresses, {@code localhost} and {@code host} (see {@link io.batchops.server.gateway.HostGuard});
 * {@code deletedJobRetention} how long a deleted DRS job is kept (null: {@link JobRetention#DEFAULT_KEEP}).
 */
public record ServerConfig(String host, int port, Path credentials, Path seed, String adminToken, int journalSize,
        Duration headerTimeout, StoreConfig store, List<String> allowedHosts, Duration deletedJobRetention) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** How long a client may take to send a request's headers, then its body; zero waits for ever. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PORT = 8080;
    public static final String DEVELOPMENT_ADMIN_TOKEN = "admin-dev-token";

    public ServerConfig(String host, int port, Path credentials, Path seed) {
        this(host, port, credentials, seed, null, Journal.DEFAULT_CAPACITY);
    }

    public ServerConfig(String host, int port, Path credentials, Path seed, String adminToken, int journalSize) {
        this(host, port, credentials, seed, adminToken, journalSize, DEFAULT_HEADER_TIMEOUT);
    }

    public ServerConfig(String host, int port, Path credentials, Path seed, String adminToken, int journalSize,
            Duration headerTimeout) {
        this(host, port, credentials, seed, adminToken, journalSize, headerTimeout, StoreConfig.IN_MEMORY, List.of(), null);
    }

    public ServerConfig {
        adminToken = adminToken == null || adminToken.isEmpty() ? DEVELOPMENT_ADMIN_TOKEN : adminToken;
        store = store == null ? StoreConfig.IN_MEMORY : store;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        deletedJobRetention = deletedJobRetention == null ? JobRetention.DEFAULT_KEEP : deletedJobRetention;
        if (deletedJobRetention.isNegative() || deletedJobRetention.compareTo(JobRetention.LONGEST_KEEP) > 0) {
            throw new IllegalArgumentException("--deleted-job-retention must be from 0 to " + JobRetention.LONGEST_KEEP.toSeconds()
                    + " seconds, not " + deletedJobRetention.toSeconds());
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 picks a free port)");
        }
        if (headerTimeout == null || headerTimeout.isNegative()) {
            throw new IllegalArgumentException("header timeout must be 0 (none) or more");
        }
        if (journalSize < 0) {
            throw new IllegalArgumentException("journal size must be 0 (no journal) or more");
        }
    }
}
