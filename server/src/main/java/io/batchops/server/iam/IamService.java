package io.batchops.server.iam;

import io.batchops.iam.model.AuthMethod;
import io.batchops.iam.model.Domain;
import io.batchops.iam.model.DomainList;
import io.batchops.iam.model.DurationToken;
import io.batchops.iam.model.Identity;
import io.batchops.iam.model.Links;
import io.batchops.iam.model.NameOrId;
import io.batchops.iam.model.NamedWithId;
import io.batchops.iam.model.PasswordUser;
import io.batchops.iam.model.ProjectList;
import io.batchops.iam.model.ProjectScope;
import io.batchops.iam.model.Role;
import io.batchops.iam.model.Scope;
import io.batchops.iam.model.TemporaryCredential;
import io.batchops.iam.model.Token;
import io.batchops.iam.model.TokenProject;
import io.batchops.iam.model.TokenUser;
import io.batchops.server.auth.Identities;
import io.batchops.server.auth.Principal;
import io.batchops.server.auth.Project;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * IAM's rules: which projects and account a caller sees, who a password, a token or an id token
 * identifies, what a scope may name, and what is issued for them.
 */
public final class IamService {
    /** IAM's time format: microseconds, of which the SDK parses the milliseconds after dropping "000". */
    private static final DateTimeFormatter IAM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'000Z'").withZone(ZoneOffset.UTC);
    private static final int DEFAULT_KEY_SECONDS = 900;
    /** One role for every batchops user: what it may do is the credentials file's {@code actions}. */
    private static final List<Role> ROLES = List.of(new Role().id("0").name("te_admin"));

    private final Identities identities;

    public IamService(Identities identities) {
        this.identities = identities;
    }

    /** A token, and what it is, as IAM answers for it. */
    public record Issued(String subjectToken, Token token) {
    }

    /** The caller's projects that match every criterion given; see iam.yaml. */
    public ProjectList listProjects(Principal caller, String domainId, String name, String parentId, Boolean enabled,
            Boolean isDomain, Integer page, Integer perPage, String base) {
        if ((page == null) != (perPage == null)) {
            throw invalid(page == null ? "page" : "per_page");
        }
        boolean ofCaller = (domainId == null || domainId.equals(caller.domainId()))
                && (parentId == null || parentId.equals(caller.domainId()))
                && !Boolean.FALSE.equals(enabled) && !Boolean.TRUE.equals(isDomain);
        List<Project> found = ofCaller ? projectsNamed(caller, name) : List.of();
        if (page != null) {
            long from = Math.min((long) (page - 1) * perPage, found.size());
            found = found.subList((int) from, (int) Math.min(from + perPage, found.size()));
        }
        List<io.batchops.iam.model.Project> projects = new ArrayList<>();
        for (Project project : found) {
            projects.add(new io.batchops.iam.model.Project().id(project.id()).name(project.name())
                    .domainId(caller.domainId()).parentId(caller.domainId()).isDomain(false).enabled(true)
                    .description("").links(new Links().self(base + "v3/projects/" + project.id())));
        }
        return new ProjectList().projects(projects).links(new Links().self(base + "v3/projects"));
    }

    /**
     * The caller's projects named {@code name} (all, when null): a project of that exact name, else the
     * projects that answer for any region, under that name.
     */
    private static List<Project> projectsNamed(Principal caller, String name) {
        if (name == null) {
            return caller.regionProjects();
        }
        List<Project> exact = caller.regionProjects().stream().filter(p -> p.name().equals(name)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return caller.regionProjects().stream().filter(Project::answersForAnyRegion)
                .map(p -> new Project(p.id(), name)).toList();
    }

    /** The caller's account, the only one it reaches. */
    public DomainList listDomains(Principal caller, String base) {
        return new DomainList()
                .domains(List.of(new Domain().id(caller.domainId()).name(caller.domainName()).enabled(true).description("")
                        .links(new Links().self(base + "v3/domains/" + caller.domainId()))))
                .links(new Links().self(base + "v3/auth/domains"));
    }

    /** A token for a password or another token (one method), scoped as asked. */
    public Issued createToken(Identity identity, Scope scope) {
        AuthMethod method = identity.getMethods().get(0);
        if (method == AuthMethod.PASSWORD) {
            PasswordUser user = identity.getPassword() == null ? null : identity.getPassword().getUser();
            if (user == null || identity.getToken() != null) {
                throw invalid("auth.identity.password");
            }
            Principal principal = identities.byPassword(user.getDomain().getName(), user.getName(), user.getPassword());
            if (principal == null) {
                throw ApiException.of(ErrorCode.IAM_UNAUTHORIZED, "the user name, account name or password is wrong");
            }
            return issue(principal, scope, "password", null);
        }
        if (identity.getToken() == null || identity.getPassword() != null) {
            throw invalid("auth.identity.token");
        }
        // An issued token bounds the new one's life; a configured one never expires.
        Identities.IssuedToken given = issuedOrNull(identity.getToken().getId());
        Principal owner = given != null ? given.owner() : ownerOfToken(identity.getToken().getId());
        return issue(owner, scope, "token", given == null ? null : given.expiresAt());
    }

    /** A token for an identity provider's id token, scoped as asked. */
    public Issued createTokenWithIdToken(String idpId, String idToken, Scope scope) {
        if (!identities.knowsIdentityProvider(idpId)) {
            throw ApiException.of(ErrorCode.IAM_UNAUTHORIZED, "the identity provider " + idpId + " is unknown");
        }
        Principal principal = identities.byIdToken(idpId, idToken);
        if (principal == null) {
            throw ApiException.of(ErrorCode.IAM_UNAUTHORIZED, "the id token is not one " + idpId + " issued");
        }
        return issue(principal, scope, "mapped", null);
    }

    /**
     * A temporary access key for the user of a token, given in {@code X-Auth-Token} or in the body (as
     * the SDK's id-token flow sends it, unsigned); both, when given, must be the same user's.
     */
    public TemporaryCredential createTemporaryKey(String headerToken, DurationToken body) {
        String bodyToken = body == null ? null : body.getId();
        if (headerToken == null && bodyToken == null) {
            throw ApiException.of(ErrorCode.IAM_UNAUTHORIZED, "a token is needed, in X-Auth-Token or auth.identity.token.id");
        }
        Principal owner = ownerOfToken(headerToken != null ? headerToken : bodyToken);
        if (headerToken != null && bodyToken != null && !sameUser(owner, ownerOfToken(bodyToken))) {
            throw ApiException.of(ErrorCode.IAM_FORBIDDEN, "the two tokens are not one user's");
        }
        int seconds = body == null || body.getDurationSeconds() == null ? DEFAULT_KEY_SECONDS : body.getDurationSeconds();
        Identities.TemporaryKey key = identities.issueTemporaryKey(owner, Duration.ofSeconds(seconds));
        return new TemporaryCredential().access(key.access()).secret(key.secret()).securitytoken(key.securityToken())
                .expiresAt(IAM_TIME.format(key.expiresAt()));
    }

    private static boolean sameUser(Principal one, Principal other) {
        return one.domainId().equals(other.domainId()) && one.name().equals(other.name());
    }

    /** The user a token (configured or issued, not expired) belongs to; IAM's 401 otherwise. */
    private Principal ownerOfToken(String token) {
        Identities.IssuedToken issued = issuedOrNull(token);
        if (issued != null) {
            return issued.owner();
        }
        try {
            return identities.authenticate(token);
        } catch (ApiException refused) {
            throw refused.as(ErrorCode.IAM_UNAUTHORIZED);
        }
    }

    private Identities.IssuedToken issuedOrNull(String token) {
        if (identities.credentials().isConfiguredToken(token)) {
            return null;
        }
        try {
            return identities.issuedToken(token);
        } catch (ApiException refused) {
            throw refused.as(ErrorCode.IAM_UNAUTHORIZED);
        }
    }

    private Issued issue(Principal principal, Scope scope, String method, Instant notAfter) {
        Project project = scopedProject(principal, scope);
        Map.Entry<String, Identities.IssuedToken> issued = identities.issueToken(principal, project, method, notAfter);
        Identities.IssuedToken token = issued.getValue();
        NamedWithId domain = new NamedWithId().id(principal.domainId()).name(principal.domainName());
        Token body = new Token().methods(List.of(method))
                .expiresAt(IAM_TIME.format(token.expiresAt())).issuedAt(IAM_TIME.format(token.issuedAt()))
                .user(new TokenUser().id(userId(principal)).name(principal.name()).domain(domain).passwordExpiresAt(""))
                .roles(ROLES);
        if (project == null) {
            body.domain(domain);
        } else {
            body.project(new TokenProject().id(project.id()).name(project.name())
                    .domain(new NamedWithId().id(principal.domainId()).name(principal.domainName())));
        }
        return new Issued(issued.getKey(), body);
    }

    /** The project a scope names (null: the account); 400 when it names both or neither, 403 when not the user's. */
    private static Project scopedProject(Principal principal, Scope scope) {
        if (scope == null || (scope.getDomain() == null && scope.getProject() == null)) {
            return null;
        }
        if (scope.getDomain() != null && scope.getProject() != null) {
            throw invalid("auth.scope");
        }
        if (scope.getDomain() != null) {
            requireUsersAccount(principal, scope.getDomain(), "auth.scope.domain");
            return null;
        }
        ProjectScope wanted = scope.getProject();
        if (wanted.getId() == null && wanted.getName() == null) {
            throw invalid("auth.scope.project");
        }
        if (wanted.getDomain() != null) {
            requireUsersAccount(principal, wanted.getDomain(), "auth.scope.project.domain");
        }
        List<Project> candidates = wanted.getName() == null ? principal.regionProjects()
                : projectsNamed(principal, wanted.getName());
        return candidates.stream()
                .filter(project -> wanted.getId() == null || Objects.equals(project.id(), wanted.getId()))
                .findFirst()
                .orElseThrow(() -> ApiException.of(ErrorCode.IAM_FORBIDDEN, "project "
                        + (wanted.getId() != null ? wanted.getId() : wanted.getName()) + " is not the user's"));
    }

    /** Refuses an account other than the user's: by id, by name, or both; 400 when by neither. */
    private static void requireUsersAccount(Principal principal, NameOrId domain, String field) {
        if (domain.getId() == null && domain.getName() == null) {
            throw invalid(field);
        }
        if ((domain.getId() != null && !domain.getId().equals(principal.domainId()))
                || (domain.getName() != null && !domain.getName().equals(principal.domainName()))) {
            throw ApiException.of(ErrorCode.IAM_FORBIDDEN, "the account is not the user's");
        }
    }

    /** A user id of IAM's shape (32 hex digits), the same for the same user. */
    private static String userId(Principal principal) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((principal.domainId() + '\n' + principal.name()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiException invalid(String field) {
        return ApiException.of(ErrorCode.IAM_INVALID_PARAMETER, field);
    }
}
