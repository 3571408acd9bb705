package io.batchops.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.server.auth.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bind guard: the README's credentials are served on loopback only, unless the operator allows
 * it; off loopback, no published secret is served wherever it comes from, nor a short admin token;
 * an empty admin token is an error anywhere.
 */
class DevelopmentCredentialsTest {
    private static final String OWN_ADMIN_TOKEN = "a-token-of-our-own-0123";

    @TempDir
    Path dir;

    private Path credentials(String token, String sk) throws IOException {
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, "{\"principals\":[{\"name\":\"team\",\"domain_id\":\"d1\",\"tokens\":[\"" + token
                + "\"],\"access_keys\":[{\"ak\":\"TEAMACCESSKEY0000001\",\"sk\":\"" + sk + "\"}]}]}");
        return file;
    }

    private static String refusal(String host, Path credentials, String adminToken) {
        return assertThrows(IllegalArgumentException.class,
                () -> DevelopmentCredentials.check(host, credentials, adminToken, "--admin-token", false)).getMessage();
    }

    @Test
    void loopbackServesThem() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            String guard = DevelopmentCredentials.check(host, null, null, "--admin-token", false);
            assertTrue(guard.startsWith("loopback"), guard);
        }
    }

    @Test
    void anyOtherAddressRefusesTheDefaultsAndSaysWhatToPass() {
        String both = refusal("0.0.0.0", null, null);
        assertTrue(both.contains("development principal") && both.contains("default admin token"), both);
        assertTrue(both.contains("--credentials FILE") && both.contains("--admin-token TOKEN"), both);
        assertTrue(both.contains("--allow-development-credentials"), both);
    }

    @Test
    void publishedSecretsAreRefusedOffLoopbackWhereverTheyComeFrom() throws IOException {
        String fileToken = refusal("0.0.0.0", credentials(Credentials.DEVELOPMENT_TOKEN, "own-secret"), OWN_ADMIN_TOKEN);
        assertTrue(fileToken.contains("'dev-token'") && !fileToken.contains("--admin-token is"), fileToken);
        String fileKey = refusal("0.0.0.0", credentials("own-token", "alice-secret-key"), OWN_ADMIN_TOKEN);
        assertTrue(fileKey.contains("'alice-secret-key'"), fileKey);
        String admin = refusal("0.0.0.0", credentials("own-token", "own-secret"), ServerConfig.DEVELOPMENT_ADMIN_TOKEN);
        assertTrue(admin.contains("--admin-token is 'admin-dev-token'"), admin);
        String both = refusal("0.0.0.0", credentials(Credentials.DEVELOPMENT_TOKEN, "own-secret"), "admin-token");
        assertTrue(both.contains("'dev-token'") && both.contains("'admin-token'"), both);
    }

    @Test
    void aShortAdminTokenIsRefusedOffLoopback() throws IOException {
        Path own = credentials("own-token", "own-secret");
        String shortOne = refusal("0.0.0.0", own, "x".repeat(DevelopmentCredentials.MIN_ADMIN_TOKEN_LENGTH - 1));
        assertTrue(shortOne.contains("shorter than 16 characters"), shortOne);
        assertDoesNotThrow(() -> DevelopmentCredentials.check("0.0.0.0", own, "x".repeat(DevelopmentCredentials.MIN_ADMIN_TOKEN_LENGTH),
                "--admin-token", false));
    }

    @Test
    void anEmptyAdminTokenIsAnErrorAnywhereAndNamesWhereItCameFrom() {
        for (String host : new String[] {"127.0.0.1", "0.0.0.0"}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> DevelopmentCredentials.check(host, null, "", "BATCHOPS_ADMIN_TOKEN", true)).getMessage();
            assertTrue(message.startsWith("BATCHOPS_ADMIN_TOKEN is empty"), message);
        }
    }

    @Test
    void ownCredentialsOrTheOperatorsWordServeAnywhereAndTheBannerSaysWhich() throws IOException {
        String own = DevelopmentCredentials.check("0.0.0.0", credentials("own-token", "own-secret"), OWN_ADMIN_TOKEN, "--admin-token", false);
        assertTrue(own.contains("no published credential"), own);
        String allowed = DevelopmentCredentials.check("0.0.0.0", null, null, "--admin-token", true);
        assertTrue(allowed.contains("--allow-development-credentials"), allowed);
    }

    /** Every token, password, key and id token in the README's and examples' credentials is known to be published. */
    @Test
    void thePublishedListHoldsEverySecretTheReadmeAndTheExamplesShow() throws IOException {
        List<String> shown = new ArrayList<>(Credentials.secretsIn(Path.of("../examples/credentials.json")));
        String readme = Files.readString(Path.of("../README.md"));
        Matcher block = Pattern.compile("```json\\n(\\{\\s*\"principals\".*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        while (block.find()) {
            Path file = dir.resolve("readme-" + blocks++ + ".json");
            Files.writeString(file, block.group(1));
            shown.addAll(Credentials.secretsIn(file));
        }
        assertTrue(blocks > 0, "the README shows a credentials file");
        Matcher table = Pattern.compile("\\| (?:`X-Auth-Token`|access key \\(AK\\)|secret key \\(SK\\)) \\| `([^`]+)` \\|")
                .matcher(readme);
        int rows = 0;
        for (; table.find(); rows++) {
            shown.add(table.group(1));
        }
        assertEquals(3, rows, "the README's table of the development principal's token and keys");
        List<String> missing = shown.stream().filter(secret -> !DevelopmentCredentials.PUBLISHED.contains(secret)).distinct().toList();
        assertEquals(List.of(), missing, "published, and not refused off loopback");
    }
}
