package io.batchops.server.errors;

import io.batchops.server.request.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Who answers an error, which decides the shape of its body: the API gateway in front of both
 * services, or one of the two services.
 */
public enum Family {
    GATEWAY,
    SMS,
    DRS,
    /** Identity and Access Management: projects, accounts, tokens, temporary keys. */
    IAM,
    /** The emulator's own control API. */
    ADMIN;

    /** Where the control API lives: a prefix no Huawei Cloud API uses. */
    public static final String ADMIN_PREFIX = "/_batchops/";

    private static final Exchange.Key<Family> KEY = Exchange.Key.named("family");

    /** The service a request belongs to, found once per request. */
    public static Family of(ContainerRequestContext request) {
        return Exchange.of(request).computeIfAbsent(KEY, exchange -> ofPath(request.getUriInfo().getPath()));
    }

    /** The service a request path belongs to; paths of neither are the gateway's to answer. */
    public static Family ofPath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.startsWith(ADMIN_PREFIX)) {
            return ADMIN;
        }
        if (p.startsWith("/v3/tasks") || p.startsWith("/v3/sources")) {
            return SMS;
        }
        if (p.startsWith("/v3/") && p.contains("/jobs")) {
            return DRS;
        }
        if (p.startsWith("/v3/projects") || p.startsWith("/v3/auth/") || p.startsWith("/v3.0/")) {
            return IAM;
        }
        return GATEWAY;
    }
}
