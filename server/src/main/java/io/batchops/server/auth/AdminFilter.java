package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The control API's credential, compared in constant time, before anything else is looked at. */
@Priority(Priorities.AUTHENTICATION)
public final class AdminFilter implements ContainerRequestFilter {
    public static final String TOKEN_HEADER = "X-Batchops-Admin-Token";

    private final byte[] token;

    public AdminFilter(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.of(ErrorCode.ADMIN_UNAUTHORIZED);
        }
    }
}
