package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.Language;
import io.batchops.server.request.Exchange;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The gateway's checks, before the service sees the request: the caller is a known principal, by
 * token or by AK/SK signature (else 401); the tenant the request claims ({@code X-Domain-Id},
 * {@code X-Project-Id}) and the project in the path are the principal's (else 401 or 403
 * DRS.M00261). Either way it leaves the request's {@link Authentication} in its {@link Exchange}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
    public static final String TOKEN_HEADER = "X-Auth-Token";
    public static final String DOMAIN_HEADER = "X-Domain-Id";
    public static final String PROJECT_HEADER = "X-Project-Id";
    public static final String SECURITY_TOKEN_HEADER = "X-Security-Token";
    static final String PROJECT_PARAMETER = "project_id";

    private final Identities identities;
    private final Clock clock;

    /** {@code clock} dates signatures: the machine's, not the control clock that expiries follow. */
    public AuthFilter(Identities identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    /** What the check found out so far: kept whether it passes or refuses. */
    private static final class Attempt {
        String accessKey;
        Principal principal;
        SdkSignature.Computed signature;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Exchange exchange = Exchange.of(request);
        Attempt attempt = new Attempt();
        String project = request.getUriInfo().getPathParameters().getFirst(PROJECT_PARAMETER);
        try {
            authenticate(request, attempt, project);
            exchange.put(Authentication.KEY, new Authentication(schemeOf(request), attempt.accessKey,
                    attempt.principal, tenant(project, attempt.principal), null, null));
        } catch (ApiException refused) {
            exchange.put(Authentication.KEY, new Authentication(schemeOf(request), attempt.accessKey,
                    attempt.principal, tenant(project, attempt.principal), refused.message(Language.EN_US),
                    attempt.signature));
            // IAM is not behind the API gateway: it refuses in its own words.
            if (refused.code() == ErrorCode.GATEWAY_UNAUTHORIZED
                    && Family.of(request) == Family.IAM) {
                throw refused.as(ErrorCode.IAM_UNAUTHORIZED);
            }
            throw refused;
        }
    }

    /** Whose records a request reaches: the project in its path, else its principal's account. */
    private static String tenant(String project, Principal principal) {
        return project != null ? project : principal == null ? null : principal.domainId();
    }

    private void authenticate(ContainerRequestContext request, Attempt attempt, String project) throws IOException {
        String token = request.getHeaderString(TOKEN_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean signed = token == null && authorization != null;
        Principal principal = signed
                ? verifySignature(request, SdkSignature.parse(authorization), attempt)
                : identities.authenticate(token);
        String claimedDomain = request.getHeaderString(DOMAIN_HEADER);
        if (claimedDomain != null && !claimedDomain.equals(principal.domainId())) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "X-Domain-Id is not the caller's account");
        }
        if (project != null) {
            String claimedProject = request.getHeaderString(PROJECT_HEADER);
            if (!principal.projects().contains(project)) {
                throw ApiException.of(ErrorCode.DRS_INVALID_PROJECT, project);
            }
            if (claimedProject != null && !claimedProject.equals(project)) {
                throw ApiException.of(ErrorCode.DRS_INVALID_PROJECT, claimedProject);
            }
        }
        attempt.principal = principal;
    }

    /** The key's owner, once the signature over the request as received checks out. */
    private Principal verifySignature(ContainerRequestContext request, SdkSignature signature, Attempt attempt)
            throws IOException {
        attempt.accessKey = signature.accessKey();
        Credentials.SigningKey key = identities.signingKey(signature.accessKey(),
                request.getHeaderString(SECURITY_TOKEN_HEADER));
        attempt.principal = key.principal();
        // Read whole to check its hash; the body limit bounds it.
        byte[] body = Exchange.of(request).body(request);
        URI uri = request.getUriInfo().getRequestUri();
        signature.verify(key.secret(), request.getMethod(), uri.getRawPath(), uri.getRawQuery(),
                name -> joined(request.getHeaders().get(name)), body, clock.instant(),
                computed -> attempt.signature = computed);
        return key.principal();
    }

    /** A header as signed: its values, in order, joined as one field. */
    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /** How a request authenticated, or tried to: {@code token}, {@code aksk} or {@code none}. */
    public static String schemeOf(ContainerRequestContext request) {
        if (request.getHeaderString(TOKEN_HEADER) != null) {
            return "token";
        }
        return request.getHeaderString(HttpHeaders.AUTHORIZATION) != null ? "aksk" : "none";
    }
}
