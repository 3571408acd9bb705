package io.batchops.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The development principal's token and keys and the default admin token are in the README: anyone
 * who can reach the server can use them. They are served on a loopback address only, unless the
 * operator says otherwise.
 */
final class DevelopmentCredentials {
    private DevelopmentCredentials() {
    }

    /**
     * Refuses to serve the public credentials on {@code host} when it is not a loopback address; the
     * message says what to pass instead.
     */
    static void refuseOffLoopback(String host, boolean developmentPrincipal, boolean defaultAdminToken, boolean allowed) {
        if (allowed || (!developmentPrincipal && !defaultAdminToken) || isLoopback(host)) {
            return;
        }
        List<String> publicOnes = new ArrayList<>();
        if (developmentPrincipal) {
            publicOnes.add("the development principal (no --credentials)");
        }
        if (defaultAdminToken) {
            publicOnes.add("the default admin token (no --admin-token)");
        }
        throw new IllegalArgumentException("--host " + host + " is reachable from other machines, and "
                + String.join(" and ", publicOnes) + " would let anyone in: their secrets are in the README. "
                + "Give --credentials FILE and --admin-token TOKEN (or BATCHOPS_CREDENTIALS and BATCHOPS_ADMIN_TOKEN), "
                + "or pass --allow-development-credentials to serve them anyway.");
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
