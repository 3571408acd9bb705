package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The gateway's checks, before the body is read: the token names a principal (else 401), and a
 * project in the path is one of the principal's (else 403 DRS.M00261). The principal is then the
 * request's {@link SecurityContext} user.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
    public static final String TOKEN_HEADER = "X-Auth-Token";
    private static final String PROJECT_PARAMETER = "project_id";

    private final Credentials credentials;

    public AuthFilter(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = credentials.authenticate(request.getHeaderString(TOKEN_HEADER));
        String project = request.getUriInfo().getPathParameters().getFirst(PROJECT_PARAMETER);
        if (project != null && !principal.projects().contains(project)) {
            throw ApiException.of(ErrorCode.DRS_INVALID_PROJECT, project);
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "X-Auth-Token";
            }
        });
    }

    /** The authenticated caller of the current request. */
    public static Principal principal(SecurityContext context) {
        return (Principal) context.getUserPrincipal();
    }
}
