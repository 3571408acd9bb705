package io.batchops.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The principals the server knows, the tokens and the access keys that identify them. Tokens are kept
 * only as SHA-256 digests and looked up by digest, so neither a lookup's timing nor a heap dump gives a
 * token away. A secret key must be kept as it is: the request signature is keyed with it.
 */
public final class Credentials {
    /** The spec's bound on X-Auth-Token. */
    static final int MAX_TOKEN_LENGTH = 16384;

    /** The principal used when no credentials file is given; the README documents it. */
    public static final String DEVELOPMENT_TOKEN = "dev-token";
    public static final String DEVELOPMENT_DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    public static final String DEVELOPMENT_PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    /** The development principal's access key pair, for the official SDK; the README documents both. */
    public static final String DEVELOPMENT_AK = "BATCHOPSDEVACCESSKEY";
    public static final String DEVELOPMENT_SK = "batchops-development-secret-key-not-secret";

    private final Map<String, Principal> byTokenDigest;
    private final Map<String, SigningKey> byAccessKey;

    private Credentials(Map<String, Principal> byTokenDigest, Map<String, SigningKey> byAccessKey) {
        this.byTokenDigest = Map.copyOf(byTokenDigest);
        this.byAccessKey = Map.copyOf(byAccessKey);
    }

    /** An access key pair of the credentials file. */
    public record AccessKey(@JsonProperty("ak") String ak, @JsonProperty("sk") String sk) {
        @Override
        public String toString() {
            return "AccessKey[ak=" + ak + "]";
        }
    }

    /** The owner of an access key and the secret that keys its signatures. */
    record SigningKey(Principal principal, byte[] secret) {
    }

    /** One entry of the credentials file. Actions left out mean every action. */
    public record Entry(
            @JsonProperty("name") String name,
            @JsonProperty("domain_id") String domainId,
            @JsonProperty("projects") List<String> projects,
            @JsonProperty("tokens") List<String> tokens,
            @JsonProperty("access_keys") List<AccessKey> accessKeys,
            @JsonProperty("actions") Set<Action> actions) {

        @Override
        public String toString() {
            return "Entry[name=" + name + ", domain_id=" + domainId + "]";
        }

        Principal principal() {
            if (name == null || domainId == null) {
                throw new IllegalArgumentException("every principal needs a name and a domain_id");
            }
            return new Principal(name, domainId, projects == null ? Set.of() : Set.copyOf(projects),
                    actions == null ? EnumSet.allOf(Action.class) : actions);
        }
    }

    /** The credentials file: {@code {"principals": [Entry, ...]}}. */
    public record File(@JsonProperty("principals") List<Entry> principals) {
    }

    public static Credentials of(List<Entry> entries) {
        Map<String, Principal> byDigest = new HashMap<>();
        Map<String, SigningKey> byAccessKey = new HashMap<>();
        for (Entry entry : entries) {
            Principal principal = entry.principal();
            for (String token : entry.tokens() == null ? List.<String>of() : entry.tokens()) {
                if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
                    throw new IllegalArgumentException("principal " + principal.name()
                            + " has a token that is empty or longer than " + MAX_TOKEN_LENGTH + " characters");
                }
                if (byDigest.putIfAbsent(digest(token), principal) != null) {
                    throw new IllegalArgumentException("principal " + principal.name() + " reuses another principal's token");
                }
            }
            for (AccessKey key : entry.accessKeys() == null ? List.<AccessKey>of() : entry.accessKeys()) {
                if (key == null || key.ak() == null || key.ak().isBlank() || key.sk() == null || key.sk().isEmpty()) {
                    throw new IllegalArgumentException("principal " + principal.name() + " has an access key without ak or sk");
                }
                if (byAccessKey.putIfAbsent(key.ak(), new SigningKey(principal, key.sk().getBytes(StandardCharsets.UTF_8))) != null) {
                    throw new IllegalArgumentException("access key " + key.ak() + " is given twice");
                }
            }
        }
        return new Credentials(byDigest, byAccessKey);
    }

    public static Credentials read(Path file) {
        try {
            File parsed = Json.MAPPER.readValue(file.toFile(), File.class);
            return of(parsed.principals() == null ? List.of() : parsed.principals());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The development principal: every action, one account, one project, token
     * {@value #DEVELOPMENT_TOKEN} and access key {@value #DEVELOPMENT_AK}.
     */
    public static Credentials development() {
        return of(List.of(new Entry("developer", DEVELOPMENT_DOMAIN, List.of(DEVELOPMENT_PROJECT),
                List.of(DEVELOPMENT_TOKEN), List.of(new AccessKey(DEVELOPMENT_AK, DEVELOPMENT_SK)), null)));
    }

    /** The principal a token identifies, or the gateway's 401. */
    public Principal authenticate(String token) {
        if (token == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "x-auth-token not found");
        }
        if (token.isEmpty()) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "x-auth-token is empty");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "x-auth-token is too long");
        }
        Principal principal = byTokenDigest.get(digest(token));
        if (principal == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "decrypt token fail");
        }
        return principal;
    }

    /** The owner and secret of an access key, or the gateway's 401. */
    SigningKey signingKey(String accessKey) {
        SigningKey key = byAccessKey.get(accessKey);
        if (key == null) {
            throw ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, "the access key does not exist");
        }
        return key;
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
