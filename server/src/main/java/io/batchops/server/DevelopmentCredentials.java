package io.batchops.server;

import io.batchops.server.auth.Credentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bind guard. The development principal's token and keys, the default admin token and the
 * README's and examples' sample credentials are public: anyone who can reach the server can use
 * them. On a loopback address they are served; on an address other machines reach, the server refuses
 * to start with any of them, wherever they come from (the defaults, a credentials file, a flag or its
 * variable), and with an admin token too short to resist guessing, unless the operator says otherwise.
 */
final class DevelopmentCredentials {
    /** The shortest admin token served off loopback. */
    static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    /**
     * Every secret the README and {@code examples/} publish (a test keeps this in step with them):
     * tokens, passwords, access keys, secret keys, id tokens.
     */
    static final Set<String> PUBLISHED = Set.of(
            Credentials.DEVELOPMENT_TOKEN, Credentials.DEVELOPMENT_PASSWORD, Credentials.DEVELOPMENT_AK,
            Credentials.DEVELOPMENT_SK, Credentials.DEVELOPMENT_ID_TOKEN, ServerConfig.DEVELOPMENT_ADMIN_TOKEN,
            "alice-token", "alice-password", "ALICEACCESSKEY000001", "alice-secret-key", "eyJhbGciOi...",
            "admin-token", "admin-password-change-me", "ADMINACCESSKEY000001", "admin-secret-key-change-me",
            "operator-token", "OPERATORACCESSKEY002", "operator-secret-key-change-me",
            "other-token", "OTHERACCESSKEY000003", "other-secret-key-change-me");

    private DevelopmentCredentials() {
    }

    /**
     * Checks what the server would serve on {@code host}; says which guard applied, for the banner.
     *
     * @param credentials the credentials file, or null for the development principal
     * @param adminToken the admin token given, or null for the default one
     * @param adminTokenFrom where it was given: the flag, or its environment variable
     * @param allowed whether {@code --allow-development-credentials} was given
     */
    static String check(String host, Path credentials, String adminToken, String adminTokenFrom, boolean allowed) {
        if (adminToken != null && adminToken.isEmpty()) {
            throw new IllegalArgumentException(adminTokenFrom + " is empty: give a token, or leave it out for the "
                    + "development one (" + ServerConfig.DEVELOPMENT_ADMIN_TOKEN + ", on a loopback address only)");
        }
        if (isLoopback(host)) {
            return "loopback address: development credentials allowed";
        }
        if (allowed) {
            return "reachable from other machines, --allow-development-credentials: published credentials served";
        }
        List<String> problems = new ArrayList<>();
        if (credentials == null) {
            problems.add("the development principal (no --credentials) is in the README");
        } else {
            Credentials.secretsIn(credentials).stream().filter(PUBLISHED::contains).distinct()
                    .forEach(secret -> problems.add(credentials + " holds '" + secret + "', which the README or its examples publish"));
        }
        if (adminToken == null) {
            problems.add("the default admin token (no --admin-token) is in the README");
        } else if (PUBLISHED.contains(adminToken)) {
            problems.add(adminTokenFrom + " is '" + adminToken + "', which the README or its examples publish");
        } else if (adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            problems.add(adminTokenFrom + " is shorter than " + MIN_ADMIN_TOKEN_LENGTH + " characters");
        }
        if (problems.isEmpty()) {
            return "reachable from other machines: no published credential, admin token of "
                    + MIN_ADMIN_TOKEN_LENGTH + " characters or more";
        }
        throw new IllegalArgumentException("--host " + host + " is reachable from other machines, so anyone could use "
                + "what is public: " + String.join("; ", problems) + ". Give --credentials FILE with secrets of your own and "
                + "--admin-token TOKEN of " + MIN_ADMIN_TOKEN_LENGTH + " characters or more (or BATCHOPS_CREDENTIALS and "
                + "BATCHOPS_ADMIN_TOKEN), or pass --allow-development-credentials to serve them anyway.");
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " is not a known address", e);
        }
    }
}
