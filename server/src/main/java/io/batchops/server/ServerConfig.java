package io.batchops.server;

import java.nio.file.Path;

/**
 * How to run the server. {@code credentials} and {@code seed} may be null: then the development
 * principal is used, and the server starts empty.
 */
public record ServerConfig(String host, int port, Path credentials, Path seed) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 picks a free port)");
        }
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, credentials, seed);
    }
}
