package io.batchops.contract.sdk;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_KEY;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.BOB_DOMAIN;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static io.batchops.contract.harness.TestServer.CAROL_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsResponse;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobResp;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksResponse;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.State;
import io.batchops.contract.harness.Target;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Huawei Cloud SDK, unchanged, against the server: both operations, their successes and
 * error paths; then requests signed by the SDK's own signer and tampered with, which must be refused.
 */
class SdkTest {
    private static final TestServer.AccessKey UNKNOWN_KEY = new TestServer.AccessKey("NOSUCHACCESSKEY00000", "whatever");
    private static final TestServer.AccessKey WRONG_SECRET = new TestServer.AccessKey(ALICE_KEY.ak(), "not-alice-secret");
    private static final String SMS_BODY = "{\"ids\":[\"1\",\"2\"]}";

    /** Everything the server logs while these tests run, to check no secret ends up there. */
    private static final List<String> LOGGED = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void captureLogs() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void noSecretWasLogged() {
        Logger.getLogger("").removeHandler(CAPTURE);
        for (String line : LOGGED) {
            for (String secret : List.of(ALICE_KEY.sk(), CAROL_KEY.sk(), TestServer.ALICE_TOKEN, "Signature=")) {
                assertFalse(line.contains(secret), "logged a secret: " + line);
            }
        }
    }

    private static DeleteTasksRequest deleteTasks(String... ids) {
        return new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of(ids)));
    }

    private static BatchDeleteJobsRequest batch(DeleteJobReq.DeleteTypeEnum type, String... jobIds) {
        List<DeleteJobReq> jobs = new ArrayList<>();
        for (String id : jobIds) {
            jobs.add(new DeleteJobReq().withDeleteType(type).withJobId(id));
        }
        return new BatchDeleteJobsRequest().withBody(new BatchDeleteJobReq().withJobs(jobs));
    }

    /** The SDK's exception for an error answer carries our status, code, message and request id. */
    private static ServiceResponseException assertRefused(int status, String code, Runnable call) {
        ServiceResponseException error = assertThrows(ServiceResponseException.class, call::run);
        assertEquals(status, error.getHttpStatusCode(), error::toString);
        assertEquals(code, error.getErrorCode(), error::toString);
        assertNotNull(error.getErrorMsg());
        assertTrue(error.getRequestId() != null && error.getRequestId().matches("[0-9a-f]{32}"), error::toString);
        return error;
    }

    @Test
    void smsDeleteTasks() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2", "3")).load();
        DeleteTasksResponse response = Sdk.sms(ALICE_KEY, ALICE_DOMAIN).deleteTasks(deleteTasks("1", "2", "3"));
        assertEquals(200, response.getHttpStatusCode());
        List.of("1", "2", "3").forEach(id -> assertFalse(State.taskExists(ALICE_DOMAIN, id)));
    }

    @Test
    void smsErrorPaths() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1"))
                .source("busy", ALICE_DOMAIN, SourceServerState.SYNCING, true).task("held", ALICE_DOMAIN, "busy").load();
        var alice = Sdk.sms(ALICE_KEY, ALICE_DOMAIN);
        assertRefused(400, "SMS.2015", () -> alice.deleteTasks(deleteTasks("1", "held")));
        assertRefused(404, "SMS.1802", () -> alice.deleteTasks(deleteTasks("1", "nope")));
        String[] tooMany = IntStream.range(0, 51).mapToObj(i -> "t" + i).toArray(String[]::new);
        ServiceResponseException invalid = assertRefused(400, "SMS.1801", () -> alice.deleteTasks(deleteTasks(tooMany)));
        assertTrue(invalid.getErrorMsg().contains("ids"), invalid::toString);

        ServiceResponseException denied = assertRefused(403, "SMS.9004",
                () -> Sdk.sms(CAROL_KEY, ALICE_DOMAIN).deleteTasks(deleteTasks("1")));
        assertNotNull(denied.getEncodedAuthorizationMessage());
        assertEquals("SMS.9004", denied.getDetails().get(0).getErrorCode());

        assertRefused(401, "APIGW.0301", () -> Sdk.sms(UNKNOWN_KEY, ALICE_DOMAIN).deleteTasks(deleteTasks("1")));
        assertRefused(401, "APIGW.0301", () -> Sdk.sms(WRONG_SECRET, ALICE_DOMAIN).deleteTasks(deleteTasks("1")));
        assertRefused(401, "APIGW.0301", () -> Sdk.sms(ALICE_KEY, BOB_DOMAIN).deleteTasks(deleteTasks("1")));
        assertTrue(State.taskExists(ALICE_DOMAIN, "1"));
        assertTrue(State.taskExists(ALICE_DOMAIN, "held"));
    }

    @Test
    void drsBatchDeleteJobs() {
        Seed.empty().job("running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("busy", ALICE_PROJECT, JobStatus.CHANGE_JOB_STARTED).load();
        DrsClient alice = Sdk.drs(ALICE_KEY, ALICE_PROJECT);
        BatchDeleteJobsResponse stop = alice.batchDeleteJobs(batch(DeleteJobReq.DeleteTypeEnum.TERMINATE, "running", "busy", "none"));
        assertEquals(202, stop.getHttpStatusCode());
        assertEquals(3, stop.getCount());
        assertEquals(List.of("running", "busy", "none"), stop.getResults().stream().map(DeleteJobResp::getId).toList());
        assertEquals(DeleteJobResp.StatusEnum.SUCCESS, stop.getResults().get(0).getStatus());
        assertEquals(List.of("DRS.M01504", "DRS.M05003"),
                stop.getResults().subList(1, 3).stream().map(DeleteJobResp::getErrorCode).toList());

        BatchDeleteJobsResponse delete = alice.batchDeleteJobs(batch(DeleteJobReq.DeleteTypeEnum.DELETE, "running")
                .withXLanguage(BatchDeleteJobsRequest.XLanguageEnum.ZH_CN));
        assertEquals(DeleteJobResp.StatusEnum.SUCCESS, delete.getResults().get(0).getStatus());
        assertEquals(JobStatus.DELETED, State.jobStatus(ALICE_PROJECT, "running").orElseThrow());

        DeleteJobReq withFlag = new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.FORCE_TERMINATE)
                .withJobId("busy").withIsShowBreakpointPosition(true);
        BatchDeleteJobsResponse forced = alice.batchDeleteJobs(new BatchDeleteJobsRequest()
                .withBody(new BatchDeleteJobReq().withJobs(List.of(withFlag))));
        assertEquals(DeleteJobResp.StatusEnum.SUCCESS, forced.getResults().get(0).getStatus());
    }

    @Test
    void drsErrorPaths() {
        Seed.empty().job("running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED)
                .job("bobs", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).load();
        DrsClient alice = Sdk.drs(ALICE_KEY, ALICE_PROJECT);
        ServiceResponseException empty = assertRefused(400, "DRS.M00202", () -> alice.batchDeleteJobs(
                new BatchDeleteJobsRequest().withXLanguage(BatchDeleteJobsRequest.XLanguageEnum.ZH_CN)
                        .withBody(new BatchDeleteJobReq().withJobs(List.of()))));
        assertTrue(empty.getErrorMsg().matches(".*\\p{IsHan}.*"), empty::toString);
        assertRefused(403, "DRS.M00261", () -> Sdk.drs(ALICE_KEY, BOB_PROJECT)
                .batchDeleteJobs(batch(DeleteJobReq.DeleteTypeEnum.TERMINATE, "bobs")));
        assertRefused(403, "DRS.M00102", () -> Sdk.drs(CAROL_KEY, ALICE_PROJECT)
                .batchDeleteJobs(batch(DeleteJobReq.DeleteTypeEnum.TERMINATE, "running")));
        assertRefused(401, "APIGW.0301", () -> Sdk.drs(UNKNOWN_KEY, ALICE_PROJECT)
                .batchDeleteJobs(batch(DeleteJobReq.DeleteTypeEnum.TERMINATE, "running")));
        assertRefused(401, "APIGW.0301", () -> Sdk.drs(WRONG_SECRET, ALICE_PROJECT)
                .batchDeleteJobs(batch(DeleteJobReq.DeleteTypeEnum.TERMINATE, "running")));
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "running").orElseThrow());
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(BOB_PROJECT, "bobs").orElseThrow());
    }

    // Raw requests signed by the SDK's own signer.

    private static Wire signedSms(Map<String, String> signed, String body) {
        return Target.SMS_DELETE.request().token(null).headers(signed).body(body);
    }

    private static Map<String, String> signSms(TestServer.AccessKey key, String pathAndQuery, String body, Instant date) {
        return Sdk.sign(key, "POST", pathAndQuery, body, Map.of("X-Domain-Id", ALICE_DOMAIN), date);
    }

    /** One signed request, changed by {@code tamper} after signing: refused with 401 and nothing deleted. */
    private static void assertTamperedRefused(String what, String reason, Map<String, String> signed, String body,
            Consumer<Wire> tamper) {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
        Wire request = signedSms(signed, body);
        tamper.accept(request);
        Exchange answer = request.send();
        assertEquals(401, answer.status(), () -> what + ": " + answer);
        assertEquals("APIGW.0301", answer.errorCode(), what);
        assertTrue(answer.errorMsg().contains(reason), () -> what + ": " + answer);
        assertFalse(answer.body().contains(signed.get("Authorization").replaceAll(".*Signature=", "")), what);
        assertTrue(State.taskExists(ALICE_DOMAIN, "1"), what);
    }

    @Test
    void aSignedRequestPassesAsSentAndChunked() {
        for (boolean chunked : List.of(false, true)) {
            Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
            Wire request = signedSms(signSms(ALICE_KEY, Target.SMS_DELETE.path(), SMS_BODY, Instant.now()), SMS_BODY);
            Exchange answer = (chunked ? request.chunked() : request).send();
            assertEquals(200, answer.status(), answer::toString);
            assertFalse(State.taskExists(ALICE_DOMAIN, "1"));
        }
    }

    @Test
    void tamperedRequestsAreRefused() {
        Map<String, String> signed = signSms(ALICE_KEY, Target.SMS_DELETE.path(), SMS_BODY, Instant.now());
        String authorization = signed.get("Authorization");
        String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

        assertTamperedRefused("body changed", "verify aksk signature fail", signed, "{\"ids\":[\"1\"]}", request -> { });
        assertTamperedRefused("body changed, chunked", "verify aksk signature fail", signed, "{\"ids\":[\"2\",\"1\"]}", Wire::chunked);
        assertTamperedRefused("body with a trailing space", "verify aksk signature fail", signed, SMS_BODY + " ", request -> { });
        assertTamperedRefused("signature changed", "verify aksk signature fail", signed, SMS_BODY,
                request -> request.header("Authorization", authorization.replace(signature, flipped)));
        assertTamperedRefused("signed date changed", "verify aksk signature fail", signed, SMS_BODY,
                request -> request.header("X-Sdk-Date", Sdk.date(Instant.now().plusSeconds(1))));
        assertTamperedRefused("signed header changed", "verify aksk signature fail", signed, SMS_BODY,
                request -> request.header("X-Domain-Id", ALICE_DOMAIN.toUpperCase()));
        assertTamperedRefused("another access key", "verify aksk signature fail", signed, SMS_BODY,
                request -> request.header("Authorization", authorization.replace(ALICE_KEY.ak(), CAROL_KEY.ak())));
        assertTamperedRefused("an unknown access key", "access key does not exist", signed, SMS_BODY,
                request -> request.header("Authorization", authorization.replace(ALICE_KEY.ak(), UNKNOWN_KEY.ak())));
        assertTamperedRefused("date not signed", "SignedHeaders must include x-sdk-date", signed, SMS_BODY,
                request -> request.header("Authorization", authorization.replace("x-sdk-date;", "").replace(";x-sdk-date", "")));
        assertTamperedRefused("no date", "X-Sdk-Date is missing", signed, SMS_BODY, request -> request.header("X-Sdk-Date", null));
        assertTamperedRefused("another of the SDK's algorithms", "verify aksk signature fail", signed, SMS_BODY,
                request -> request.header("Authorization", authorization.replace("SDK-HMAC-SHA256", "SDK-HMAC-SM3")));
        assertTamperedRefused("an algorithm the SDK does not have", "not a signature of the SDK", signed, SMS_BODY,
                request -> request.header("Authorization", authorization.replace("SDK-HMAC-SHA256", "SDK-HMAC-MD5")));
        assertTamperedRefused("not a signature", "not a signature of the SDK", signed, SMS_BODY, request -> request.header("Authorization", "Bearer x"));
    }

    @Test
    void aSignatureCoversTheQuery() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
        String path = Target.SMS_DELETE.path() + "?b=2&a=x%20y";
        Map<String, String> signed = signSms(ALICE_KEY, path, SMS_BODY, Instant.now());
        Exchange answer = Wire.to(Contract.SMS, "POST", path).headers(signed).body(SMS_BODY).send();
        assertEquals(200, answer.status(), answer::toString);

        Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
        Exchange changed = Wire.to(Contract.SMS, "POST", Target.SMS_DELETE.path() + "?b=3&a=x%20y")
                .headers(signed).body(SMS_BODY).send();
        assertEquals(401, changed.status(), changed::toString);
    }

    @Test
    void theDateMustBeWithinFifteenMinutes() {
        Instant now = Instant.now();
        for (Duration offset : List.of(Duration.ofMinutes(-16), Duration.ofMinutes(16), Duration.ofDays(-1))) {
            Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
            Exchange answer = signedSms(signSms(ALICE_KEY, Target.SMS_DELETE.path(), SMS_BODY, now.plus(offset)), SMS_BODY).send();
            assertEquals(401, answer.status(), () -> offset + ": " + answer);
            assertTrue(answer.errorMsg().contains("X-Sdk-Date"), answer::toString);
        }
        for (Duration offset : List.of(Duration.ofMinutes(-14), Duration.ofMinutes(14))) {
            Seed.deletableTasks(ALICE_DOMAIN, List.of("1", "2")).load();
            Exchange answer = signedSms(signSms(ALICE_KEY, Target.SMS_DELETE.path(), SMS_BODY, now.plus(offset)), SMS_BODY).send();
            assertEquals(200, answer.status(), () -> offset + ": " + answer);
        }
    }

    @Test
    void aProjectHeaderMustBeTheCallersAndThePaths() {
        Seed.empty().job("running", ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED).load();
        String body = "{\"jobs\":[{\"delete_type\":\"terminate\",\"job_id\":\"running\"}]}";
        Map<String, String> claimsBob = Sdk.sign(ALICE_KEY, "DELETE", Target.DRS_BATCH.path(), body,
                Map.of("X-Project-Id", BOB_PROJECT), Instant.now());
        Exchange answer = Target.DRS_BATCH.request().token(null).headers(claimsBob).body(body).send();
        assertEquals(403, answer.status(), answer::toString);
        assertEquals("DRS.M00261", answer.errorCode());
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, State.jobStatus(ALICE_PROJECT, "running").orElseThrow());
    }
}
