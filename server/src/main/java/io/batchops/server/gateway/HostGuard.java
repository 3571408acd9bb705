package io.batchops.server.gateway;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves only the host names it expects, in front of everything else (pages, redirects, APIs): a web
 * page whose own name an attacker points at this machine (DNS rebinding) sends its name in
 * {@code Host}, and is refused before any work. Expected are: an IP address (no name to rebind),
 * {@code localhost}, the name the server was told to listen on, and {@code --allowed-hosts}: names,
 * {@code .example.com} for the domain and its subdomains, or {@code *} for any.
 */
public final class HostGuard extends HttpHandler {
    private static final int SHOWN = 100;

    private final Set<String> names;
    private final List<String> domains;
    private final boolean any;
    private final HttpHandler next;

    public HostGuard(String listenHost, List<String> allowedHosts, HttpHandler next) {
        this.next = next;
        List<String> allowed = allowedHosts.stream().map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT)).toList();
        this.any = allowed.contains("*");
        this.domains = allowed.stream().filter(name -> name.startsWith(".")).toList();
        this.names = new HashSet<>(allowed.stream().filter(name -> !name.startsWith(".")).toList());
        names.add("localhost");
        names.add(listenHost.toLowerCase(Locale.ROOT));
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String host = request.getHeader("Host");
        if (host == null || allows(host)) {
            next.service(request, response);
            return;
        }
        String shown = host.length() > SHOWN ? host.substring(0, SHOWN) + "..." : host;
        GatewayGuard.write(response, ApiException.of(ErrorCode.GATEWAY_BAD_REQUEST, "this server does not answer to the host '"
                + shown + "': start it with --allowed-hosts naming it (env BATCHOPS_ALLOWED_HOSTS)"));
    }

    /** Whether a {@code Host} header names an expected host, with or without a port. */
    boolean allows(String header) {
        if (any) {
            return true;
        }
        String host = withoutPort(header.trim().toLowerCase(Locale.ROOT));
        // A fully qualified name's final dot names the same host.
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            return false;
        }
        return isIpv6(name) || isIpv4(name) || names.contains(name)
                || domains.stream().anyMatch(domain -> name.endsWith(domain) || name.equals(domain.substring(1)));
    }

    /** {@code [::1]:8080} to {@code [::1]}, {@code name:8080} to {@code name}. */
    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.lastIndexOf(']') > colon) {
            return host;
        }
        return host.substring(0, colon);
    }

    /** A bracketed IPv6 address, as a URI writes one. */
    private static boolean isIpv6(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                && host.substring(1, host.length() - 1).chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }

    /** Four decimal numbers of 0 to 255: an address, which no DNS answer can rebind. */
    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
