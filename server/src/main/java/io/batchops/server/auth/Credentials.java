package io.batchops.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The principals the server is configured with, and the tokens, passwords, access keys and id tokens
 * that identify them (what IAM issues at run time is {@link Identities}'). Tokens, passwords and id
 * tokens are kept only as SHA-256 digests and looked up by digest, so neither a lookup's timing nor a
 * heap dump gives one away. A secret key must be kept as it is: the request signature is keyed with it.
 */
public final class Credentials {
    /** The spec's bound on X-Auth-Token. */
    static final int MAX_TOKEN_LENGTH = 16384;

    /** The principal used when no credentials file is given; the README documents it. */
    public static final String DEVELOPMENT_TOKEN = "dev-token";
    public static final String DEVELOPMENT_NAME = "developer";
    public static final String DEVELOPMENT_DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    public static final String DEVELOPMENT_PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    /** The development principal's access key pair, for the official SDK; the README documents both. */
    public static final String DEVELOPMENT_AK = "BATCHOPSDEVACCESSKEY";
    public static final String DEVELOPMENT_SK = "batchops-development-secret-key-not-secret";
    /** Its IAM password (user and account name {@value #DEVELOPMENT_NAME}), and the id token its identity provider issues. */
    public static final String DEVELOPMENT_PASSWORD = "dev-password";
    public static final String DEVELOPMENT_IDP = "batchops-dev-idp";
    public static final String DEVELOPMENT_ID_TOKEN = "dev-id-token";

    private final Map<String, Principal> byTokenDigest;
    private final Map<String, SigningKey> byAccessKey;
    private final Map<String, Principal> byPasswordDigest;
    private final Map<String, Principal> byIdTokenDigest;
    private final Set<String> identityProviders;

    private Credentials(Map<String, Principal> byTokenDigest, Map<String, SigningKey> byAccessKey,
            Map<String, Principal> byPasswordDigest, Map<String, Principal> byIdTokenDigest, Set<String> identityProviders) {
        this.byTokenDigest = Map.copyOf(byTokenDigest);
        this.byAccessKey = Map.copyOf(byAccessKey);
        this.byPasswordDigest = Map.copyOf(byPasswordDigest);
        this.byIdTokenDigest = Map.copyOf(byIdTokenDigest);
        this.identityProviders = Set.copyOf(identityProviders);
    }

    /** An access key pair of the credentials file. */
    public record AccessKey(@JsonProperty("ak") String ak, @JsonProperty("sk") String sk) {
        @Override
        public String toString() {
            return "AccessKey[ak=" + ak + "]";
        }
    }

    /** An id token that an identity provider issues for the principal (the SDK's {@code withIdTokenFile}). */
    public record IdToken(@JsonProperty("idp_id") String idpId, @JsonProperty("id_token") String idToken) {
        @Override
        public String toString() {
            return "IdToken[idp_id=" + idpId + "]";
        }
    }

    /**
     * The owner of an access key and the secret that keys its signatures; a temporary key also has its
     * security token and its expiry (both null for a permanent key).
     */
    record SigningKey(Principal principal, byte[] secret, String securityToken, Instant expiresAt) {
    }

    /** One entry of the credentials file. Actions left out mean every action. */
    public record Entry(
            @JsonProperty("name") String name,
            @JsonProperty("domain_id") String domainId,
            @JsonProperty("domain_name") String domainName,
            @JsonProperty("projects") List<Project> projects,
            @JsonProperty("tokens") List<String> tokens,
            @JsonProperty("passwords") List<String> passwords,
            @JsonProperty("access_keys") List<AccessKey> accessKeys,
            @JsonProperty("id_tokens") List<IdToken> idTokens,
            @JsonProperty("actions") Set<Action> actions) {

        @Override
        public String toString() {
            return "Entry[name=" + name + ", domain_id=" + domainId + "]";
        }

        Principal principal() {
            if (name == null || domainId == null) {
                throw new IllegalArgumentException("every principal needs a name and a domain_id");
            }
            return new Principal(name, domainId, domainName, projects == null ? List.of() : projects,
                    actions == null ? EnumSet.allOf(Action.class) : actions);
        }
    }

    /** The credentials file: {@code {"principals": [Entry, ...]}}. */
    public record File(@JsonProperty("principals") List<Entry> principals) {
    }

    public static Credentials of(List<Entry> entries) {
        Map<String, Principal> byDigest = new HashMap<>();
        Map<String, SigningKey> byAccessKey = new HashMap<>();
        Map<String, Principal> byPassword = new HashMap<>();
        Map<String, Principal> byIdToken = new HashMap<>();
        Set<String> identityProviders = new HashSet<>();
        for (Entry entry : entries) {
            Principal principal = entry.principal();
            for (String token : orEmpty(entry.tokens())) {
                if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
                    throw new IllegalArgumentException("principal " + principal.name()
                            + " has a token that is empty or longer than " + MAX_TOKEN_LENGTH + " characters");
                }
                if (byDigest.putIfAbsent(digest(token), principal) != null) {
                    throw new IllegalArgumentException("principal " + principal.name() + " reuses another principal's token");
                }
            }
            for (String password : orEmpty(entry.passwords())) {
                if (password == null || password.isEmpty()) {
                    throw new IllegalArgumentException("principal " + principal.name() + " has an empty password");
                }
                byPassword.put(passwordKey(principal.domainName(), principal.name(), password), principal);
            }
            for (AccessKey key : orEmpty(entry.accessKeys())) {
                if (key == null || key.ak() == null || key.ak().isBlank() || key.sk() == null || key.sk().isEmpty()) {
                    throw new IllegalArgumentException("principal " + principal.name() + " has an access key without ak or sk");
                }
                if (byAccessKey.putIfAbsent(key.ak(), new SigningKey(principal, key.sk().getBytes(StandardCharsets.UTF_8),
                        null, null)) != null) {
                    throw new IllegalArgumentException("access key " + key.ak() + " is given twice");
                }
            }
            for (IdToken idToken : orEmpty(entry.idTokens())) {
                if (idToken == null || idToken.idpId() == null || idToken.idpId().isBlank()
                        || idToken.idToken() == null || idToken.idToken().isEmpty()) {
                    throw new IllegalArgumentException("principal " + principal.name() + " has an id token without idp_id or id_token");
                }
                if (byIdToken.putIfAbsent(idTokenKey(idToken.idpId(), idToken.idToken()), principal) != null) {
                    throw new IllegalArgumentException("principal " + principal.name() + " reuses another principal's id token");
                }
                identityProviders.add(idToken.idpId());
            }
        }
        return new Credentials(byDigest, byAccessKey, byPassword, byIdToken, identityProviders);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    public static Credentials read(Path file) {
        return of(readFile(file));
    }

    private static List<Entry> readFile(Path file) {
        try {
            File parsed = Json.MAPPER.readValue(file.toFile(), File.class);
            return parsed.principals() == null ? List.of() : parsed.principals();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every secret a credentials file holds: tokens, passwords, access keys and their secret keys, id tokens. */
    public static List<String> secretsIn(Path file) {
        List<String> secrets = new ArrayList<>();
        for (Entry entry : readFile(file)) {
            secrets.addAll(orEmpty(entry.tokens()));
            secrets.addAll(orEmpty(entry.passwords()));
            orEmpty(entry.accessKeys()).forEach(key -> {
                secrets.add(key.ak());
                secrets.add(key.sk());
            });
            orEmpty(entry.idTokens()).forEach(idToken -> secrets.add(idToken.idToken()));
        }
        return secrets;
    }

    /**
     * The development principal: every action, one account, one project that answers for every region
     * name, token {@value #DEVELOPMENT_TOKEN}, access key {@value #DEVELOPMENT_AK}, password
     * {@value #DEVELOPMENT_PASSWORD} and id token {@value #DEVELOPMENT_ID_TOKEN} of {@value #DEVELOPMENT_IDP}.
     */
    public static Credentials development() {
        return of(List.of(new Entry(DEVELOPMENT_NAME, DEVELOPMENT_DOMAIN, DEVELOPMENT_NAME,
                List.of(Project.anyRegion(DEVELOPMENT_PROJECT)), List.of(DEVELOPMENT_TOKEN), List.of(DEVELOPMENT_PASSWORD),
                List.of(new AccessKey(DEVELOPMENT_AK, DEVELOPMENT_SK)),
                List.of(new IdToken(DEVELOPMENT_IDP, DEVELOPMENT_ID_TOKEN)), null)));
    }

    /** The principal a configured token identifies, or null. */
    Principal byToken(String token) {
        return byTokenDigest.get(digest(token));
    }

    /** Whether a token is one of the credentials file's (they never expire). */
    public boolean isConfiguredToken(String token) {
        return byToken(token) != null;
    }

    /** The owner and secret of a configured access key, or null. */
    SigningKey byAccessKey(String accessKey) {
        return byAccessKey.get(accessKey);
    }

    /** The IAM user {@code user} of account {@code domainName} with that password, or null. */
    Principal byPassword(String domainName, String user, String password) {
        return byPasswordDigest.get(passwordKey(domainName, user, password));
    }

    /** The principal an identity provider's id token maps to, or null. */
    Principal byIdToken(String idpId, String idToken) {
        return byIdTokenDigest.get(idTokenKey(idpId, idToken));
    }

    boolean knowsIdentityProvider(String idpId) {
        return identityProviders.contains(idpId);
    }

    private static String passwordKey(String domainName, String user, String password) {
        return digest(domainName + '\n' + user + '\n' + password);
    }

    private static String idTokenKey(String idpId, String idToken) {
        return digest(idpId + '\n' + idToken);
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
