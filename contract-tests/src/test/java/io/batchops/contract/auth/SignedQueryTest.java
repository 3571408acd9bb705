package io.batchops.contract.auth;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.ListTasksResponse;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskFixture;
import io.batchops.client.admin.model.TaskState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AK/SK signatures over queries whose values must be percent-encoded: the server canonicalises the
 * query from the decoded values, encoded as the SDK's signer encodes them, so the official SDK's own
 * requests are accepted and a changed value is still refused.
 */
class SignedQueryTest {
    private static final List<String> NAMES = List.of("a b", "迁移任务", "a&b=c", "100%", "x+y", "~tilde*star", "slash/q?");

    @BeforeEach
    void seed() {
        Seed seed = Seed.empty().source("src", ALICE_DOMAIN, SourceServerState.STOPPED, true);
        NAMES.forEach(name -> seed.task(new TaskFixture().id("t-" + name.hashCode()).domainId(ALICE_DOMAIN).name(name)
                .sourceId("src").state(TaskState.READY)));
        seed.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "迁移任务", "a&b=c", "100%", "x+y", "~tilde*star", "slash/q?"})
    void theOfficialSdkListsTasksByANameThatMustBeEncoded(String name) {
        SmsClient sms = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        ListTasksResponse answer = sms.listTasks(new ListTasksRequest().withName(name));
        assertEquals(200, answer.getHttpStatusCode());
        assertEquals(List.of(name), answer.getTasks().stream().map(task -> task.getName()).toList());
    }

    @Test
    void repeatedKeysAreSignedInTheSdksOrder() {
        String query = "name=" + encode("z z") + "&name=" + encode("a a") + "&limit=10";
        Exchange answer = signedGet("/v3/tasks?" + query, "/v3/tasks?" + query);
        assertEquals(200, answer.status(), answer::toString);
    }

    @Test
    void aValueChangedAfterSigningIsRefused() {
        Exchange answer = signedGet("/v3/tasks?name=" + encode("a b"), "/v3/tasks?name=" + encode("a c"));
        assertEquals(401, answer.status(), answer::toString);
        assertEquals("APIGW.0301", answer.errorCode());
    }

    @Test
    void aQueryThatIsNotValidPercentEncodingIsRefusedNotFailed() {
        Exchange answer = signedGet("/v3/tasks?name=a", "/v3/tasks?name=%E4");
        assertEquals(401, answer.status(), answer::toString);
    }

    private static Exchange signedGet(String signedPathAndQuery, String sentPathAndQuery) {
        Map<String, String> headers = Sdk.sign(ALICE_KEY, "GET", signedPathAndQuery, null, null,
                Map.of("X-Domain-Id", ALICE_DOMAIN), Instant.now());
        Wire request = Wire.to(Contract.SMS, "GET", sentPathAndQuery).header("Content-Type", null);
        headers.forEach(request::header);
        return request.send();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
