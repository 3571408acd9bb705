package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a request's credentials name: the configured {@link Credentials}, and the tokens and temporary
 * access keys IAM issued at run time, which expire by the control clock. Issued credentials live in
 * this instance's memory only, and outlive a reset of the state.
 */
public final class Identities {
    /** IAM's token lifetime. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    /** Issued credentials kept before the expired ones are dropped. */
    private static final int MAX_ISSUED = 100_000;
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Credentials credentials;
    private final Clock controlClock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Credentials.SigningKey> temporaryKeys = new ConcurrentHashMap<>();

    /**
     * A token IAM issued: its user ({@code owner}), what it reaches ({@code principal}: the user narrowed
     * to the scope), how it was obtained, and until when.
     */
    public record IssuedToken(Principal owner, Principal principal, Project project, String method, Instant issuedAt,
            Instant expiresAt) {
    }

    /** A temporary access key pair as IAM hands it out. */
    public record TemporaryKey(String access, String secret, String securityToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "TemporaryKey[access=" + access + ", expires_at=" + expiresAt + "]";
        }
    }

    public Identities(Credentials credentials, Clock controlClock) {
        this.credentials = credentials;
        this.controlClock = controlClock;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The principal a token identifies, a configured one or one IAM issued and not expired; or the gateway's 401. */
    public Principal authenticate(String token) {
        if (token == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "x-auth-token not found");
        }
        if (token.isEmpty()) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "x-auth-token is empty");
        }
        if (token.length() > Credentials.MAX_TOKEN_LENGTH) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "x-auth-token is too long");
        }
        Principal configured = credentials.byToken(token);
        return configured != null ? configured : issuedToken(token).principal();
    }

    /** A token IAM issued, not expired; or the gateway's 401. */
    public IssuedToken issuedToken(String token) {
        IssuedToken issued = tokens.get(Credentials.digest(token));
        if (issued == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "decrypt token fail");
        }
        if (!controlClock.instant().isBefore(issued.expiresAt())) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "the token expired at " + issued.expiresAt());
        }
        return issued;
    }

    /**
     * The owner and secret of an access key, once its security token checks out: a temporary key needs
     * its own, unexpired; a permanent key takes none. Otherwise the gateway's 401.
     */
    Credentials.SigningKey signingKey(String accessKey, String securityToken) {
        Credentials.SigningKey permanent = credentials.byAccessKey(accessKey);
        if (permanent != null) {
            if (securityToken != null) {
                throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "X-Security-Token given with a permanent access key");
            }
            return permanent;
        }
        Credentials.SigningKey temporary = temporaryKeys.get(accessKey);
        if (temporary == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "the access key does not exist");
        }
        if (securityToken == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "a temporary access key needs its X-Security-Token");
        }
        if (!MessageDigest.isEqual(securityToken.getBytes(StandardCharsets.UTF_8),
                temporary.securityToken().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "X-Security-Token is not the access key's");
        }
        if (!controlClock.instant().isBefore(temporary.expiresAt())) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "the temporary access key expired at " + temporary.expiresAt());
        }
        return temporary;
    }

    /** The IAM user of that account with that password, or null. */
    public Principal byPassword(String domainName, String user, String password) {
        return credentials.byPassword(domainName, user, password);
    }

    /** The principal an identity provider's id token maps to, or null. */
    public Principal byIdToken(String idpId, String idToken) {
        return credentials.byIdToken(idpId, idToken);
    }

    public boolean knowsIdentityProvider(String idpId) {
        return credentials.knowsIdentityProvider(idpId);
    }

    /**
     * Issues a token for {@code principal} scoped to {@code project} (null: the account), valid for IAM's
     * lifetime but no longer than {@code notAfter} (null: no such bound). Returns the token and what it is.
     */
    public Map.Entry<String, IssuedToken> issueToken(Principal principal, Project project, String method, Instant notAfter) {
        Instant now = controlClock.instant();
        Instant expiresAt = now.plus(TOKEN_LIFETIME);
        if (notAfter != null && notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        String token = "MII" + randomText(96);
        IssuedToken issued = new IssuedToken(principal, principal.scopedTo(project), project, method, now, expiresAt);
        dropExpiredWhenFull(tokens);
        tokens.put(Credentials.digest(token), issued);
        return Map.entry(token, issued);
    }

    /** Issues a temporary access key pair for {@code principal}, valid for {@code duration}. */
    public TemporaryKey issueTemporaryKey(Principal principal, Duration duration) {
        Instant expiresAt = controlClock.instant().plus(duration);
        String access;
        do {
            // 20 characters, as IAM's: the SDK's ECDSA and SM2 signers take no longer key.
            access = randomKey(20);
        } while (temporaryKeys.containsKey(access) || credentials.byAccessKey(access) != null);
        String secret = randomKey(40);
        String securityToken = randomText(192);
        dropExpiredWhenFull(temporaryKeys);
        temporaryKeys.put(access, new Credentials.SigningKey(principal, secret.getBytes(StandardCharsets.UTF_8),
                securityToken, expiresAt));
        return new TemporaryKey(access, secret, securityToken, expiresAt);
    }

    private void dropExpiredWhenFull(Map<String, ?> issued) {
        if (issued.size() < MAX_ISSUED) {
            return;
        }
        Instant now = controlClock.instant();
        issued.values().removeIf(value -> !now.isBefore(value instanceof IssuedToken token ? token.expiresAt()
                : ((Credentials.SigningKey) value).expiresAt()));
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private String randomKey(int length) {
        char[] key = new char[length];
        for (int i = 0; i < length; i++) {
            key[i] = KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
        }
        return new String(key);
    }
}
