package io.batchops.server.iam;

import io.batchops.iam.api.IamApi;
import io.batchops.iam.model.IdTokenRequest;
import io.batchops.iam.model.SecurityTokenAnswer;
import io.batchops.iam.model.SecurityTokenRequest;
import io.batchops.iam.model.TokenAnswer;
import io.batchops.iam.model.TokenRequest;
import io.batchops.server.auth.AuthenticatedResource;
import io.batchops.server.auth.Authenticated;
import io.batchops.server.request.CloudApi;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** IAM's operations that code calling SMS and DRS reaches by itself; the rules are {@link IamService}'s. */
@CloudApi
public final class IamResource extends AuthenticatedResource implements IamApi {
    public static final String SUBJECT_TOKEN_HEADER = "X-Subject-Token";

    private final IamService service;
    @Context
    private UriInfo uri;

    public IamResource(IamService service) {
        this.service = service;
    }

    @Authenticated
    @Override
    public Response keystoneListProjects(String xAuthToken, String domainId, String name, String parentId, Boolean enabled,
            Boolean isDomain, Integer page, Integer perPage) {
        return Response.ok(service.listProjects(caller(), domainId, name, parentId, enabled, isDomain, page,
                perPage, uri.getBaseUri().toString())).build();
    }

    @Authenticated
    @Override
    public Response keystoneListAuthDomains(String xAuthToken) {
        return Response.ok(service.listDomains(caller(), uri.getBaseUri().toString())).build();
    }

    @Override
    public Response keystoneCreateUserToken(TokenRequest tokenRequest, String nocatalog) {
        return created(service.createToken(tokenRequest.getAuth().getIdentity(), tokenRequest.getAuth().getScope()));
    }

    @Override
    public Response createTokenWithIdToken(String xIdpId, IdTokenRequest idTokenRequest) {
        return created(service.createTokenWithIdToken(xIdpId, idTokenRequest.getAuth().getIdToken().getId(),
                idTokenRequest.getAuth().getScope()));
    }

    /** Authenticated by its token, not by the gateway: the SDK's id-token flow sends it unsigned, in the body. */
    @Override
    public Response createTemporaryAccessKeyByToken(SecurityTokenRequest securityTokenRequest, String xAuthToken) {
        return Response.status(Response.Status.CREATED)
                .entity(new SecurityTokenAnswer().credential(service.createTemporaryKey(xAuthToken,
                        securityTokenRequest.getAuth().getIdentity().getToken())))
                .build();
    }

    private static Response created(IamService.Issued issued) {
        return Response.status(Response.Status.CREATED).header(SUBJECT_TOKEN_HEADER, issued.subjectToken())
                .entity(new TokenAnswer().token(issued.token())).build();
    }
}
