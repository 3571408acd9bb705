package io.batchops.contract.auth;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.BOB_DOMAIN;
import static io.batchops.contract.harness.TestServer.BOB_KEY;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.auth.SigningAlgorithm;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.region.Region;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchListJobStatusRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchListJobStatusResponse;
import com.huaweicloud.sdk.drs.v3.model.BatchQueryJobReqPage;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM as code calling SMS and DRS reaches it (iam.yaml): the project and account the official SDK
 * looks up by itself, tokens by password, by token and by id token, temporary access keys, every
 * signing algorithm of the SDK, expiry on the control clock, and the tenant boundary on each.
 */
class IamTest {
    private static final String ALICE_ACCOUNT = "alice-account";
    private static final String DAY_AND_A_SECOND = "86401";

    @BeforeEach
    void seed() {
        TestServer.reset(Seed.deletableTasks(ALICE_DOMAIN, List.of("t1"))
                .job("ja", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("jb", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .fixtures());
    }

    @AfterEach
    void clockBack() {
        TestServer.setClock(0);
    }

    private static Wire iam(String method, String path) {
        return Wire.to(Contract.IAM, method, path);
    }

    private static Map<String, Object> passwordBody(String user, String account, String password, Map<String, Object> scope) {
        Map<String, Object> auth = new java.util.LinkedHashMap<>();
        auth.put("identity", Map.of("methods", List.of("password"),
                "password", Map.of("user", Map.of("name", user, "password", password, "domain", Map.of("name", account)))));
        if (scope != null) {
            auth.put("scope", scope);
        }
        return Map.of("auth", auth);
    }

    /** A token of alice's, scoped as asked, and the answer that issued it. */
    private static Exchange aliceToken(Map<String, Object> scope) {
        Exchange issued = iam("POST", "/v3/auth/tokens").body(passwordBody("alice", ALICE_ACCOUNT, "alice-password", scope)).send();
        assertEquals(201, issued.status(), issued::toString);
        assertNotNull(issued.header("X-Subject-Token"), issued::toString);
        assertEquals(issued.header("X-Request-Id"), issued.header("X-IAM-Trace-Id"));
        return issued;
    }

    private static Exchange listTasks(String token) {
        return Wire.to(Contract.SMS, "GET", "/v3/tasks").token(token).send();
    }

    private static Exchange listJobStatuses(String token, String project) {
        return Wire.to(Contract.DRS, "POST", "/v3/" + project + "/jobs/batch-status").token(token)
                .body(Map.of("jobs", List.of("ja"))).send();
    }

    @Test
    void theSdkFindsTheProjectOfItsRegionAndTheAccountByItself() {
        // As API Explorer's samples build clients: a region, credentials without ids.
        Region region = new Region("eu-west-101", TestServer.uri().toString());
        DrsClient drs = DrsClient.newBuilder().withCredential(new BasicCredentials().withAk(ALICE_KEY.ak()).withSk(ALICE_KEY.sk())
                .withIamEndpoint(TestServer.uri().toString())).withRegion(region).build();
        BatchListJobStatusResponse statuses = drs.batchListJobStatus(
                new BatchListJobStatusRequest().withBody(new BatchQueryJobReqPage().withJobs(List.of("ja"))));
        assertEquals(1, statuses.getCount(), statuses::toString);

        SmsClient sms = SmsClient.newBuilder().withCredential(new GlobalCredentials().withAk(ALICE_KEY.ak()).withSk(ALICE_KEY.sk())
                .withIamEndpoint(TestServer.uri().toString())).withRegion(new Region("ap-southeast-3", TestServer.uri().toString()))
                .build();
        assertEquals(1, sms.listTasks(new ListTasksRequest()).getCount());

        // Bob's projects are named after their regions: the SDK finds the one of cn-north-4, and none elsewhere.
        DrsClient bobs = DrsClient.newBuilder().withCredential(new BasicCredentials().withAk(BOB_KEY.ak()).withSk(BOB_KEY.sk())
                .withIamEndpoint(TestServer.uri().toString())).withRegion(new Region("cn-north-4", TestServer.uri().toString()))
                .build();
        assertEquals(1, bobs.batchListJobStatus(new BatchListJobStatusRequest()
                .withBody(new BatchQueryJobReqPage().withJobs(List.of("jb")))).getCount());
        Exception none = assertThrows(Exception.class, () -> DrsClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(BOB_KEY.ak()).withSk(BOB_KEY.sk())
                        .withIamEndpoint(TestServer.uri().toString()))
                .withRegion(new Region("cn-south-1", TestServer.uri().toString())).build());
        // The SDK's wording changed case over its versions.
        assertTrue(String.valueOf(none.getMessage()).toLowerCase(java.util.Locale.ROOT)
                        .contains("failed to get project id of region 'cn-south-1'"),
                none::toString);
    }

    /** What the SDK asks IAM by itself is in the journal, and fails the way IAM fails when a rule says so. */
    @Test
    void theSdksLookupsAreJournaledAndFaultRulesReachThem() {
        assertEquals(204, Wire.to(Contract.ADMIN, "DELETE", "/_batchops/requests")
                .header("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN).send().status());
        assertEquals(201, Wire.to(Contract.ADMIN, "POST", "/_batchops/faults")
                .header("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN)
                .body(Map.of("operation", "keystoneListProjects", "times", 1,
                        "response", Map.of("status", 500, "error_code", "IAM.0500"))).send().status());
        Region region = new Region("la-south-2", TestServer.uri().toString());
        Exception failed = assertThrows(Exception.class, () -> DrsClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(ALICE_KEY.ak()).withSk(ALICE_KEY.sk())
                        .withIamEndpoint(TestServer.uri().toString())).withRegion(region).build());
        assertTrue(String.valueOf(failed.getMessage()).contains("IAM.0500"), failed::toString);
        DrsClient drs = DrsClient.newBuilder().withCredential(new BasicCredentials().withAk(ALICE_KEY.ak())
                .withSk(ALICE_KEY.sk()).withIamEndpoint(TestServer.uri().toString())).withRegion(region).build();
        assertEquals(1, drs.batchListJobStatus(new BatchListJobStatusRequest()
                .withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))).getCount());

        JsonNode journal = Wire.to(Contract.ADMIN, "GET", "/_batchops/requests?operation=keystoneListProjects")
                .header("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN).send().json().get("requests");
        assertEquals(2, journal.size(), journal::toString);
        assertEquals(500, journal.get(0).get("status").asInt());
        assertEquals(200, journal.get(1).get("status").asInt());
        assertEquals("alice", journal.get(1).get("principal").asText());
        assertEquals(ALICE_KEY.ak(), journal.get(1).get("access_key").asText());
        assertTrue(journal.get(1).get("query").asText().contains("name=la-south-2"), journal::toString);
    }

    @Test
    void projectsAreListedByRegionNameAndNeverAnotherTenants() {
        JsonNode all = iam("GET", "/v3/projects").token(TestServer.BOB_TOKEN).send().json();
        assertEquals(2, all.get("projects").size(), all::toString);
        for (JsonNode project : all.get("projects")) {
            assertEquals(BOB_DOMAIN, project.get("domain_id").asText());
        }
        JsonNode region = iam("GET", "/v3/projects?name=cn-north-4").token(TestServer.BOB_TOKEN).send().json();
        assertEquals(List.of(BOB_PROJECT), ids(region));
        assertEquals(List.of("p0b0b00000000000000000000000sub2"),
                ids(iam("GET", "/v3/projects?name=cn-north-4_bobsub").token(TestServer.BOB_TOKEN).send().json()));
        assertEquals(List.of(), ids(iam("GET", "/v3/projects?name=eu-west-0").token(TestServer.BOB_TOKEN).send().json()));
        assertEquals(List.of(), ids(iam("GET", "/v3/projects?domain_id=" + ALICE_DOMAIN).token(TestServer.BOB_TOKEN).send().json()));
        assertEquals(List.of(BOB_PROJECT), ids(iam("GET", "/v3/projects?page=1&per_page=1").token(TestServer.BOB_TOKEN).send().json()));
        assertEquals(400, iam("GET", "/v3/projects?page=1").token(TestServer.BOB_TOKEN).send().status());

        // Alice's project answers for any region name, under that name; signed requests are answered alike.
        Map<String, String> signed = Sdk.sign(ALICE_KEY, "GET", "/v3/projects?name=eu-west-0", null, null, Map.of(), Instant.now());
        JsonNode alices = iam("GET", "/v3/projects?name=eu-west-0").headers(signed).send().json();
        assertEquals(List.of(ALICE_PROJECT), ids(alices));
        assertEquals("eu-west-0", alices.get("projects").get(0).get("name").asText());

        JsonNode domains = iam("GET", "/v3/auth/domains").token(TestServer.BOB_TOKEN).send().json();
        assertEquals(BOB_DOMAIN, domains.get("domains").get(0).get("id").asText());
        assertEquals(1, domains.get("domains").size());
        Exchange anonymous = iam("GET", "/v3/auth/domains").send();
        assertEquals(401, anonymous.status());
        assertEquals("IAM.0001", anonymous.errorCode());
    }

    private static List<String> ids(JsonNode listing) {
        List<String> ids = new java.util.ArrayList<>();
        listing.get("projects").forEach(project -> ids.add(project.get("id").asText()));
        return ids;
    }

    @Test
    void aPasswordTokenWorksOnSmsAndDrsUntilItExpires() {
        Exchange issued = aliceToken(Map.of("project", Map.of("name", "cn-north-4")));
        String token = issued.header("X-Subject-Token");
        JsonNode body = issued.json().get("token");
        assertEquals(ALICE_PROJECT, body.get("project").get("id").asText());
        assertEquals("cn-north-4", body.get("project").get("name").asText());
        assertEquals(ALICE_DOMAIN, body.get("user").get("domain").get("id").asText());
        assertEquals(Instant.parse(body.get("issued_at").asText()).plusSeconds(86400),
                Instant.parse(body.get("expires_at").asText()));

        assertEquals(200, listTasks(token).status());
        assertEquals(200, listJobStatuses(token, ALICE_PROJECT).status());
        assertEquals(403, listJobStatuses(token, BOB_PROJECT).status(), "another tenant's project");

        TestServer.setClock(Long.parseLong(DAY_AND_A_SECOND));
        Exchange expired = listTasks(token);
        assertEquals(401, expired.status());
        assertEquals("APIGW.0301", expired.errorCode());
        assertTrue(expired.errorMsg().contains("expired"), expired::toString);
        assertEquals(401, listJobStatuses(token, ALICE_PROJECT).status());

        TestServer.setClock(86399);
        assertEquals(200, listTasks(token).status(), "a second before its expiry");
    }

    @Test
    void aWrongPasswordOrAScopeOfAnotherTenantIsRefused() {
        Exchange wrong = iam("POST", "/v3/auth/tokens").body(passwordBody("alice", ALICE_ACCOUNT, "bob-password", null)).send();
        assertEquals(401, wrong.status());
        assertEquals("IAM.0001", wrong.errorCode());
        assertEquals(401, iam("POST", "/v3/auth/tokens").body(passwordBody("bob", ALICE_ACCOUNT, "bob-password", null)).send().status(),
                "the right password in another account");
        Exchange foreign = iam("POST", "/v3/auth/tokens").body(passwordBody("bob", "bob-account", "bob-password",
                Map.of("project", Map.of("id", ALICE_PROJECT)))).send();
        assertEquals(403, foreign.status());
        assertEquals("IAM.0002", foreign.errorCode());
        assertEquals(403, iam("POST", "/v3/auth/tokens").body(passwordBody("bob", "bob-account", "bob-password",
                Map.of("domain", Map.of("id", ALICE_DOMAIN)))).send().status());
        assertEquals(403, iam("POST", "/v3/auth/tokens").body(passwordBody("bob", "bob-account", "bob-password",
                Map.of("project", Map.of("name", "cn-north-4", "domain", Map.of("name", ALICE_ACCOUNT))))).send().status(),
                "a project of the user's region, named in another account");
        Exchange both = iam("POST", "/v3/auth/tokens").body(passwordBody("bob", "bob-account", "bob-password",
                Map.of("domain", Map.of("id", BOB_DOMAIN), "project", Map.of("id", BOB_PROJECT)))).send();
        assertEquals(400, both.status());
        assertEquals("IAM.0007", both.errorCode());
        Exchange noPassword = iam("POST", "/v3/auth/tokens")
                .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("password"))))).send();
        assertEquals(400, noPassword.status());
    }

    @Test
    void anAccountScopedTokenReachesSmsButNoProject() {
        String token = aliceToken(Map.of("domain", Map.of("name", ALICE_ACCOUNT))).header("X-Subject-Token");
        assertEquals(200, listTasks(token).status());
        Exchange drs = listJobStatuses(token, ALICE_PROJECT);
        assertEquals(403, drs.status());
        assertEquals("DRS.M00261", drs.errorCode());
    }

    @Test
    void aTokenForATokenNeverOutlivesIt() {
        TestServer.setClock(3600);
        String first = aliceToken(null).header("X-Subject-Token");
        TestServer.setClock(7200);
        Exchange second = iam("POST", "/v3/auth/tokens").body(Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("token"), "token", Map.of("id", first)),
                "scope", Map.of("project", Map.of("id", ALICE_PROJECT))))).send();
        assertEquals(201, second.status(), second::toString);
        String token = second.header("X-Subject-Token");
        assertEquals(200, listJobStatuses(token, ALICE_PROJECT).status());
        TestServer.setClock(3600 + 86400);
        assertEquals(401, listJobStatuses(token, ALICE_PROJECT).status(), "expires with the token it came from");
        Exchange fromExpired = iam("POST", "/v3/auth/tokens").body(Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("token"), "token", Map.of("id", first))))).send();
        assertEquals(401, fromExpired.status());
        assertEquals("IAM.0001", fromExpired.errorCode());
    }

    @Test
    void temporaryKeysNeedTheirSecurityTokenAndExpire() {
        String token = aliceToken(null).header("X-Subject-Token");
        Exchange issued = iam("POST", "/v3.0/OS-CREDENTIAL/securitytokens").token(token)
                .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                        "token", Map.of("duration_seconds", 900))))).send();
        assertEquals(201, issued.status(), issued::toString);
        JsonNode credential = issued.json().get("credential");
        String ak = credential.get("access").asText();
        String sk = credential.get("secret").asText();
        String securityToken = credential.get("securitytoken").asText();

        DrsClient withToken = drs(new BasicCredentials().withAk(ak).withSk(sk).withSecurityToken(securityToken)
                .withProjectId(ALICE_PROJECT), SigningAlgorithm.HMAC_SHA256);
        assertEquals(1, withToken.batchListJobStatus(new BatchListJobStatusRequest()
                .withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))).getCount());
        DrsClient withoutToken = drs(new BasicCredentials().withAk(ak).withSk(sk).withProjectId(ALICE_PROJECT),
                SigningAlgorithm.HMAC_SHA256);
        ServiceResponseException refused = assertThrows(ServiceResponseException.class, () -> withoutToken.batchListJobStatus(
                new BatchListJobStatusRequest().withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))));
        assertEquals(401, refused.getHttpStatusCode());
        assertTrue(refused.getErrorMsg().contains("X-Security-Token"), refused::toString);
        DrsClient intoBobs = drs(new BasicCredentials().withAk(ak).withSk(sk).withSecurityToken(securityToken)
                .withProjectId(BOB_PROJECT), SigningAlgorithm.HMAC_SHA256);
        assertEquals(403, assertThrows(ServiceResponseException.class, () -> intoBobs.batchListJobStatus(
                new BatchListJobStatusRequest().withBody(new BatchQueryJobReqPage().withJobs(List.of("jb"))))).getHttpStatusCode());

        TestServer.setClock(900);
        ServiceResponseException expired = assertThrows(ServiceResponseException.class, () -> withToken.batchListJobStatus(
                new BatchListJobStatusRequest().withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))));
        assertEquals(401, expired.getHttpStatusCode());
        assertTrue(expired.getErrorMsg().contains("expired"), expired::toString);
    }

    /** duration_seconds is in an optional object, which BoundsTest's walk leaves out: its bounds are checked here. */
    @Test
    void aTemporaryKeyLastsFrom15MinutesToADay() {
        String token = aliceToken(null).header("X-Subject-Token");
        for (int seconds : List.of(899, 86401)) {
            Exchange refused = iam("POST", "/v3.0/OS-CREDENTIAL/securitytokens").token(token)
                    .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                            "token", Map.of("duration_seconds", seconds))))).send();
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("IAM.0007", refused.errorCode());
            assertTrue(refused.errorMsg().contains("duration_seconds"), refused::toString);
        }
        for (int seconds : List.of(900, 86400)) {
            JsonNode credential = iam("POST", "/v3.0/OS-CREDENTIAL/securitytokens").token(token)
                    .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                            "token", Map.of("duration_seconds", seconds))))).send().json().get("credential");
            Instant expiresAt = Instant.parse(credential.get("expires_at").asText());
            Instant expected = Instant.now().plusSeconds(seconds);
            assertTrue(Math.abs(expiresAt.getEpochSecond() - expected.getEpochSecond()) < 60, credential::toString);
        }
    }

    @Test
    void aTokenInTheBodyAloneGetsATemporaryKeyAndTwoUsersTokensDoNot() {
        String alices = aliceToken(null).header("X-Subject-Token");
        Map<String, Object> body = Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"),
                "token", Map.of("id", alices))));
        // As the SDK's id-token flow asks: unsigned, the token in the body.
        Exchange issued = iam("POST", "/v3.0/OS-CREDENTIAL/securitytokens").body(body).send();
        assertEquals(201, issued.status(), issued::toString);
        Exchange twoUsers = iam("POST", "/v3.0/OS-CREDENTIAL/securitytokens").token(TestServer.BOB_TOKEN).body(body).send();
        assertEquals(403, twoUsers.status(), twoUsers::toString);
        assertEquals("IAM.0002", twoUsers.errorCode());
        Exchange none = iam("POST", "/v3.0/OS-CREDENTIAL/securitytokens")
                .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"))))).send();
        assertEquals(401, none.status());
        assertEquals("IAM.0001", none.errorCode());
    }

    @Test
    void theSdksIdTokenFlowGetsATokenAndUsesIt(@TempDir Path directory) throws IOException {
        Path idTokenFile = Files.writeString(directory.resolve("id_token"), "alice-id-token");
        DrsClient federated = drs(new BasicCredentials().withIdpId("alice-idp").withIdTokenFile(idTokenFile.toString())
                .withProjectId(ALICE_PROJECT).withIamEndpoint(TestServer.uri().toString()), SigningAlgorithm.HMAC_SHA256);
        assertEquals(1, federated.batchListJobStatus(new BatchListJobStatusRequest()
                .withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))).getCount());

        Path bobsToken = Files.writeString(directory.resolve("bobs_token"), "bob-id-token");
        DrsClient wrongProvider = drs(new BasicCredentials().withIdpId("alice-idp").withIdTokenFile(bobsToken.toString())
                .withProjectId(ALICE_PROJECT).withIamEndpoint(TestServer.uri().toString()), SigningAlgorithm.HMAC_SHA256);
        assertThrows(ServiceResponseException.class, () -> wrongProvider.batchListJobStatus(new BatchListJobStatusRequest()
                .withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))));
        Exchange foreign = iam("POST", "/v3.0/OS-AUTH/id-token/tokens").header("X-Idp-Id", "bob-idp")
                .body(Map.of("auth", Map.of("id_token", Map.of("id", "bob-id-token"),
                        "scope", Map.of("project", Map.of("id", ALICE_PROJECT))))).send();
        assertEquals(403, foreign.status(), foreign::toString);
    }

    @Test
    void everySigningAlgorithmOfTheSdkIsAcceptedAndATamperedRequestRefused() {
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            DrsClient drs = drs(new BasicCredentials().withAk(ALICE_KEY.ak()).withSk(ALICE_KEY.sk()).withProjectId(ALICE_PROJECT),
                    algorithm);
            assertEquals(1, drs.batchListJobStatus(new BatchListJobStatusRequest()
                    .withBody(new BatchQueryJobReqPage().withJobs(List.of("ja")))).getCount(), algorithm::toString);
            SmsClient sms = SmsClient.newBuilder().withCredential(new GlobalCredentials().withAk(ALICE_KEY.ak())
                    .withSk(ALICE_KEY.sk()).withDomainId(ALICE_DOMAIN)).withEndpoint(TestServer.uri().toString())
                    .withHttpConfig(HttpConfig.getDefaultHttpConfig().withSigningAlgorithm(algorithm)).build();
            assertEquals(1, sms.listTasks(new ListTasksRequest()).getCount(), algorithm::toString);

            String body = "{\"ids\":[\"t1\"]}";
            Map<String, String> signed = Sdk.sign(ALICE_KEY, algorithm, "POST", "/v3/tasks/delete", body,
                    Map.of("X-Domain-Id", ALICE_DOMAIN), Instant.now());
            String authorization = signed.get("Authorization");
            assertTrue(authorization.startsWith(Sdk.algorithmId(algorithm) + " "), authorization);
            String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
            int last = signature.length() - 1;
            String flipped = signature.substring(0, last) + (signature.charAt(last) == '0' ? '1' : '0');
            assertRefused(algorithm + ": body changed", signed, "{\"ids\":[\"t2\"]}", wire -> { });
            assertRefused(algorithm + ": signature changed", signed, body,
                    wire -> wire.header("Authorization", authorization.replace(signature, flipped)));
            assertRefused(algorithm + ": another user's key", signed, body,
                    wire -> wire.header("Authorization", authorization.replace(ALICE_KEY.ak(), TestServer.CAROL_KEY.ak())));
            Exchange accepted = Wire.to(Contract.SMS, "POST", "/v3/tasks/delete").headers(signed).body(body).send();
            assertEquals(200, accepted.status(), () -> algorithm + ": " + accepted);
            assertFalse(State.taskExists(ALICE_DOMAIN, "t1"), algorithm::toString);
            TestServer.reset(Seed.deletableTasks(ALICE_DOMAIN, List.of("t1"))
                    .job("ja", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).fixtures());
        }
    }

    private static void assertRefused(String what, Map<String, String> signed, String body, Consumer<Wire> tamper) {
        Wire request = Wire.to(Contract.SMS, "POST", "/v3/tasks/delete").headers(signed).body(body);
        tamper.accept(request);
        Exchange answer = request.send();
        assertEquals(401, answer.status(), () -> what + ": " + answer);
        assertEquals("APIGW.0301", answer.errorCode(), what);
        assertTrue(State.taskExists(ALICE_DOMAIN, "t1"), what);
    }

    @Test
    void aFaultRuleReachesTheOperationsTheGatewayDoesNotAuthenticate() {
        Exchange added = Wire.admin("POST", "/_batchops/faults").body(Map.of("operation", "keystoneCreateUserToken",
                "times", 1, "response", Map.of("status", 429, "error_code", "APIGW.0308"))).send();
        assertEquals(201, added.status(), added::toString);
        try {
            Exchange throttled = iam("POST", "/v3/auth/tokens").body(passwordBody("alice", ALICE_ACCOUNT, "alice-password", null)).send();
            assertEquals(429, throttled.status(), throttled::toString);
            assertEquals("APIGW.0308", throttled.errorCode());
            JsonNode recorded = null;
            for (JsonNode request : Wire.admin("GET", "/_batchops/requests?operation=keystoneCreateUserToken").send().json()
                    .path("requests")) {
                recorded = request.path("request_id").asText().equals(throttled.header("X-Request-Id")) ? request : recorded;
            }
            assertNotNull(recorded, "journaled");
            assertEquals(added.json().path("id").asText(), recorded.path("fault").asText(), recorded::toString);
            aliceToken(null);
        } finally {
            assertEquals(204, Wire.admin("DELETE", "/_batchops/faults").send().status());
        }
    }

    private static DrsClient drs(BasicCredentials credentials, SigningAlgorithm algorithm) {
        return DrsClient.newBuilder().withCredential(credentials).withEndpoint(TestServer.uri().toString())
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30).withSigningAlgorithm(algorithm)).build();
    }
}
