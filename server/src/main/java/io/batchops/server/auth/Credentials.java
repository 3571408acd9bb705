package io.batchops.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.http.Json;
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
 * The principals the server knows and the tokens that identify them. Tokens are kept only as SHA-256
 * digests and looked up by digest, so neither a lookup's timing nor a heap dump gives a token away.
 */
public final class Credentials {
    /** The spec's bound on X-Auth-Token. */
    static final int MAX_TOKEN_LENGTH = 16384;

    /** The principal used when no credentials file is given; the README documents it. */
    public static final String DEVELOPMENT_TOKEN = "dev-token";
    public static final String DEVELOPMENT_DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    public static final String DEVELOPMENT_PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";

    private final Map<String, Principal> byTokenDigest;

    private Credentials(Map<String, Principal> byTokenDigest) {
        this.byTokenDigest = Map.copyOf(byTokenDigest);
    }

    /** One entry of the credentials file. Actions left out mean every action. */
    public record Entry(
            @JsonProperty("name") String name,
            @JsonProperty("domain_id") String domainId,
            @JsonProperty("projects") List<String> projects,
            @JsonProperty("tokens") List<String> tokens,
            @JsonProperty("actions") Set<Action> actions) {

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
        }
        return new Credentials(byDigest);
    }

    public static Credentials read(Path file) {
        try {
            File parsed = Json.MAPPER.readValue(file.toFile(), File.class);
            return of(parsed.principals() == null ? List.of() : parsed.principals());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    /** The development principal: every action, one account, one project, token {@value #DEVELOPMENT_TOKEN}. */
    public static Credentials development() {
        return of(List.of(new Entry("developer", DEVELOPMENT_DOMAIN, List.of(DEVELOPMENT_PROJECT),
                List.of(DEVELOPMENT_TOKEN), null)));
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

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
