package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The gateway's checks, before the service sees the request: the caller is a known principal, by
 * token or by AK/SK signature (else 401); the tenant the request claims ({@code X-Domain-Id},
 * {@code X-Project-Id}) and the project in the path are the principal's (else 401 or 403
 * DRS.M00261). The principal is then the {@link #caller()} of the request, until its response.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String TOKEN_HEADER = "X-Auth-Token";
    public static final String DOMAIN_HEADER = "X-Domain-Id";
    public static final String PROJECT_HEADER = "X-Project-Id";
    public static final String SECURITY_TOKEN_HEADER = "X-Security-Token";
    private static final String PROJECT_PARAMETER = "project_id";
    /**
     * The principal of the request this thread serves. Jersey runs a request's filters and its
     * resource method on one thread, and this filter runs before every authenticated resource
     * method: it sets the principal or refuses the request. Jersey's injected SecurityContext, a
     * proxy resolved on each call, cost about 4% of a batch's CPU (see bench/README.md).
     */
    private static final ThreadLocal<Principal> CALLER = new ThreadLocal<>();
    /** What the journal reads of a request's authentication, kept as request properties. */
    private static final String PRINCIPAL = AuthFilter.class.getName() + ".principal";
    private static final String ACCESS_KEY = AuthFilter.class.getName() + ".accessKey";
    private static final String REFUSAL = AuthFilter.class.getName() + ".refusal";
    private static final String SIGNATURE = AuthFilter.class.getName() + ".signature";

    private final Identities identities;
    private final Clock clock;

    /** {@code clock} dates signatures: the machine's, not the control clock that expiries follow. */
    public AuthFilter(Identities identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        CALLER.remove();
        try {
            authenticate(request);
        } catch (ApiException refused) {
            request.setProperty(REFUSAL, refused.message(io.batchops.server.errors.Language.EN_US));
            // IAM is not behind the API gateway: it refuses in its own words.
            if (refused.code() == ErrorCode.GATEWAY_UNAUTHORIZED
                    && Family.ofPath(request.getUriInfo().getPath()) == Family.IAM) {
                throw refused.as(ErrorCode.IAM_UNAUTHORIZED);
            }
            throw refused;
        }
    }

    private void authenticate(ContainerRequestContext request) throws IOException {
        String token = request.getHeaderString(TOKEN_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean signed = token == null && authorization != null;
        Principal principal = signed
                ? verifySignature(request, SdkSignature.parse(authorization))
                : identities.authenticate(token);
        String claimedDomain = request.getHeaderString(DOMAIN_HEADER);
        if (claimedDomain != null && !claimedDomain.equals(principal.domainId())) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "X-Domain-Id is not the caller's account");
        }
        String project = request.getUriInfo().getPathParameters().getFirst(PROJECT_PARAMETER);
        if (project != null) {
            String claimedProject = request.getHeaderString(PROJECT_HEADER);
            if (!principal.projects().contains(project)) {
                throw ApiException.of(ErrorCode.DRS_INVALID_PROJECT, project);
            }
            if (claimedProject != null && !claimedProject.equals(project)) {
                throw ApiException.of(ErrorCode.DRS_INVALID_PROJECT, claimedProject);
            }
        }
        CALLER.set(principal);
        request.setProperty(PRINCIPAL, principal);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        CALLER.remove();
    }

    /** The key's owner, once the signature over the request as received checks out. */
    private Principal verifySignature(ContainerRequestContext request, SdkSignature signature) throws IOException {
        request.setProperty(ACCESS_KEY, signature.accessKey());
        Credentials.SigningKey key = identities.signingKey(signature.accessKey(),
                request.getHeaderString(SECURITY_TOKEN_HEADER));
        request.setProperty(PRINCIPAL, key.principal());
        // Read whole to check its hash; the body limit bounds it.
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        URI uri = request.getUriInfo().getRequestUri();
        signature.verify(key.secret(), request.getMethod(), uri.getRawPath(), uri.getRawQuery(),
                name -> joined(request.getHeaders().get(name)), body, clock.instant(),
                computed -> request.setProperty(SIGNATURE, computed));
        return key.principal();
    }

    /** A header as signed: its values, in order, joined as one field. */
    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /** The principal a request's token or access key named, even when it was then refused; or null. */
    public static Principal principalOf(ContainerRequestContext request) {
        return (Principal) request.getProperty(PRINCIPAL);
    }

    /** How a request authenticated, or tried to: {@code token}, {@code aksk} or {@code none}. */
    public static String schemeOf(ContainerRequestContext request) {
        if (request.getHeaderString(TOKEN_HEADER) != null) {
            return "token";
        }
        return request.getHeaderString(HttpHeaders.AUTHORIZATION) != null ? "aksk" : "none";
    }

    /** The access key that signed a request, or null. */
    public static String accessKeyOf(ContainerRequestContext request) {
        return (String) request.getProperty(ACCESS_KEY);
    }

    /** Why the gateway refused a request's credentials or tenant, or null. */
    public static String refusalOf(ContainerRequestContext request) {
        return (String) request.getProperty(REFUSAL);
    }

    /** What the server signed for a request whose signature did not match, or null. */
    public static SdkSignature.Computed signatureOf(ContainerRequestContext request) {
        return (SdkSignature.Computed) request.getProperty(SIGNATURE);
    }

    /** The authenticated caller of the request this thread serves. */
    public static Principal caller() {
        Principal principal = CALLER.get();
        if (principal == null) {
            throw new IllegalStateException("No authenticated request on this thread");
        }
        return principal;
    }
}
