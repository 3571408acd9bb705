package io.batchops.contract.sdk;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import io.batchops.contract.samples.ApiExplorerSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code written for the real cloud, unchanged ({@link ApiExplorerSamples}), run in a child JVM whose
 * only configuration is its environment: the variables {@code GET /_batchops/environment} gives (or
 * its regions file), and an access key pair as the SDK's users hand it over. Nothing else: no
 * endpoint, no project or account id in the code.
 */
class SdkEnvironmentTest {
    private static final String JOB = "ja";
    private static final String TASK = "t1";

    @TempDir
    Path home;

    @BeforeEach
    void seed() {
        TestServer.reset(Seed.deletableTasks(ALICE_DOMAIN, List.of(TASK))
                .job(JOB, ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).fixtures());
    }

    /** The server's environment: an endpoint for every region of the SDK's, and IAM's. */
    private static JsonNode environment() {
        Exchange answer = Wire.to(Contract.ADMIN, "GET", "/_batchops/environment").send();
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    private static Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        environment().get("variables").fields().forEachRemaining(field -> variables.put(field.getKey(), field.getValue().asText()));
        return variables;
    }

    private record Run(int exit, String output) {
    }

    /** The samples in a JVM of their own, with only {@code environment} (and a home of their own). */
    private Run run(Map<String, String> environment, String how) {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ApiExplorerSamples.class.getName(), how, JOB, TASK)
                .redirectErrorStream(true);
        child.environment().clear();
        child.environment().putAll(environment);
        child.environment().put("HOME", home.toString());
        try {
            Process process = child.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the samples did not finish");
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertBothDone(Run run) {
        assertEquals(0, run.exit(), run::output);
        assertTrue(run.output().contains("drs success"), run::output);
        assertTrue(run.output().contains("sms deleted"), run::output);
        assertEquals(JobStatus.RELEASE_RESOURCE_STARTED, State.jobStatus(ALICE_PROJECT, JOB).orElseThrow());
        assertFalse(State.taskExists(ALICE_DOMAIN, TASK));
    }

    /** The server's variables and Alice's access key pair under {@code prefix}_AK and _SK. */
    private static Map<String, String> withAlicesPair(String prefix, String secretKey) {
        Map<String, String> environment = variables();
        environment.put(prefix + "_AK", ALICE_KEY.ak());
        environment.put(prefix + "_SK", secretKey);
        return environment;
    }

    @Test
    void apiExplorersSamplesRunUnchangedWithTheEnvironmentAlone() {
        assertBothDone(run(withAlicesPair("CLOUD_SDK", ALICE_KEY.sk()), "explorer"));
    }

    @Test
    void theSameCodeWithAWrongSecretKeyIsRefused() {
        Run run = run(withAlicesPair("CLOUD_SDK", ALICE_KEY.sk() + "x"), "explorer");
        assertNotEquals(0, run.exit(), run::output);
        assertTrue(run.output().contains("IAM.0001") || run.output().contains("APIGW.0301"), run::output);
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, JOB).orElseThrow());
        assertTrue(State.taskExists(ALICE_DOMAIN, TASK));
    }

    @Test
    void theSdksEnvironmentCredentialProviderFindsThePair() {
        assertBothDone(run(withAlicesPair("HUAWEICLOUD_SDK", ALICE_KEY.sk()), "env"));
    }

    @Test
    void theSdksCredentialsFileFindsThePair() throws IOException {
        Path file = Files.writeString(home.resolve("credentials.ini"), "[basic]\nak = " + ALICE_KEY.ak() + "\nsk = "
                + ALICE_KEY.sk() + "\n[global]\nak = " + ALICE_KEY.ak() + "\nsk = " + ALICE_KEY.sk() + "\n");
        Map<String, String> environment = variables();
        environment.put("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.toString());
        assertBothDone(run(environment, "profile"));
    }

    @Test
    void aRegionsFileDoesWhatTheRegionVariablesDo() throws IOException {
        Path regions = Files.writeString(home.resolve("regions.yaml"), environment().get("regions_file").asText());
        Map<String, String> environment = withAlicesPair("CLOUD_SDK", ALICE_KEY.sk());
        environment.keySet().removeIf(name -> name.startsWith("HUAWEICLOUD_SDK_REGION_"));
        environment.put("HUAWEICLOUD_SDK_REGIONS_FILE", regions.toString());
        assertBothDone(run(environment, "explorer"));
    }

    @Test
    void theEnvironmentNamesEveryRegionOfTheSdkAndIam() {
        Map<String, String> variables = variables();
        String base = TestServer.uri().toString().replaceAll("/$", "");
        assertEquals(base, variables.get("HUAWEICLOUD_SDK_REGION_DRS_CN_NORTH_4"));
        assertEquals(base, variables.get("HUAWEICLOUD_SDK_REGION_SMS_AP_SOUTHEAST_1"));
        assertEquals(base, variables.get("HUAWEICLOUD_SDK_IAM_ENDPOINT"));
        // The suite's server has a credentials file: no key pair of its own to hand out.
        assertFalse(variables.containsKey("HUAWEICLOUD_SDK_AK"));
        // Every region of the SDK's: SdkParityTest holds admin.yaml's lists to the SDK.
        assertEquals(base, variables.get("HUAWEICLOUD_SDK_REGION_DRS_AP_SOUTHEAST_5"));
        assertEquals(base, variables.get("HUAWEICLOUD_SDK_REGION_SMS_RU_MOSCOW_1"));
    }
}
