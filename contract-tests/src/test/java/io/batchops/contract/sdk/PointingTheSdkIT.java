package io.batchops.contract.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import io.batchops.contract.samples.ApiExplorerSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar points the SDK at itself in one step: {@code env} prints the exports, and
 * {@code --regions-file} writes the regions file once it listens. API Explorer's samples, in a JVM of
 * their own, then run against the development principal with that alone.
 */
@InProcessOnly
class PointingTheSdkIT {
    private static final Pattern EXPORT = Pattern.compile("export ([A-Z0-9_]+)='([^']*)'");

    @TempDir
    Path home;

    private static String run(List<String> command, Map<String, String> environment, Path home) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().put("HOME", home.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "it finishes");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static List<String> samples(String how) {
        return List.of(RealJar.JAVA.toString(), "-cp", System.getProperty("java.class.path"),
                ApiExplorerSamples.class.getName(), how, "j1", "t1");
    }

    private static void seed(RealJar jar) throws Exception {
        String fixtures = "{\"sms\":{\"sources\":[{\"id\":\"s1\",\"domain_id\":\"0970dd7a1300f5672ff2c003c60ae115\","
                + "\"name\":\"web\",\"state\":\"stopped\",\"connected\":true}],\"tasks\":[{\"id\":\"t1\","
                + "\"domain_id\":\"0970dd7a1300f5672ff2c003c60ae115\",\"source_id\":\"s1\",\"state\":\"READY\"}]},"
                + "\"drs\":{\"jobs\":[{\"id\":\"j1\",\"project_id\":\"054ba152d480d55b2f5dc0069e7ddef0\","
                + "\"status\":\"INCRE_TRANSFER_STARTED\"}]}}";
        java.net.http.HttpResponse<String> loaded = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(jar.uri() + "/_batchops/state"))
                        .header("X-Batchops-Admin-Token", "admin-dev-token").header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(fixtures)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, loaded.statusCode(), loaded.body());
    }

    @Test
    void evalTheEnvCommandAndTheSamplesRun() throws Exception {
        try (RealJar jar = RealJar.start(List.of())) {
            seed(jar);
            String exports = run(List.of(RealJar.JAVA.toString(), "-jar", RealJar.JAR.toString(), "env", "--url", jar.uri()),
                    null, home);
            Map<String, String> environment = new LinkedHashMap<>();
            Matcher export = EXPORT.matcher(exports);
            while (export.find()) {
                environment.put(export.group(1), export.group(2));
            }
            assertEquals(jar.uri(), environment.get("HUAWEICLOUD_SDK_REGION_DRS_CN_NORTH_4"));
            assertEquals("BATCHOPSDEVACCESSKEY", environment.get("CLOUD_SDK_AK"));
            String output = run(samples("explorer"), environment, home);
            assertTrue(output.contains("drs success") && output.contains("sms deleted"), output);
        }
    }

    @Test
    void theRegionsFileTheJarWritesPointsTheSdkHere() throws Exception {
        Path regions = home.resolve("regions.yaml");
        try (RealJar jar = RealJar.start(List.of(), "--regions-file", regions.toString())) {
            seed(jar);
            String written = Files.readString(regions);
            assertTrue(written.contains("- id: ap-southeast-1\n    endpoint: " + jar.uri()), written);
            Map<String, String> environment = new LinkedHashMap<>(Map.of("HUAWEICLOUD_SDK_REGIONS_FILE", regions.toString(),
                    "HUAWEICLOUD_SDK_IAM_ENDPOINT", jar.uri(), "HUAWEICLOUD_SDK_AK", "BATCHOPSDEVACCESSKEY",
                    "HUAWEICLOUD_SDK_SK", "batchops-development-secret-key-not-secret"));
            String output = run(samples("env"), environment, home);
            assertTrue(output.contains("drs success") && output.contains("sms deleted"), output);
        }
        List<String> refused = new ArrayList<>(List.of(RealJar.JAVA.toString(), "-jar", RealJar.JAR.toString(),
                "--port", "0", "--regions-file", home.resolve("regions.txt").toString()));
        Process process = new ProcessBuilder(refused).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains(".yaml or .yml"), output);
    }
}
