package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobReq;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import io.batchops.client.BatchopsException;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.RecordedRequest;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskFixture;
import io.batchops.client.admin.model.TaskState;
import io.batchops.client.admin.model.Timing;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a user's test class holds it: on a static field, with the defaults. */
class BatchopsExtensionTest {
    @RegisterExtension
    static BatchopsExtension batchops = BatchopsExtension.create();

    /** Code under test: deletes tasks, and on the gateway's throttling waits Retry-After and tries again. */
    static final class TaskCleaner {
        private final SmsClient sms;
        int attempts;

        TaskCleaner(SmsClient sms) {
            this.sms = sms;
        }

        void deleteAll(List<String> ids) throws InterruptedException {
            DeleteTasksRequest request = new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(ids));
            for (attempts = 1; ; attempts++) {
                try {
                    sms.deleteTasks(request);
                    return;
                } catch (ServiceResponseException e) {
                    if (e.getHttpStatusCode() != 429 || attempts == 3) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    @Test
    void theOfficialSdkRunsAgainstItAndTheCallsCanBeVerified() throws InterruptedException {
        batchops.given()
                .source("s1", SourceServerState.STOPPED)
                .task("t1", "s1", TaskState.READY)
                .task("t2", "s1", TaskState.MIGRATE_SUCCESS)
                .load();
        new TaskCleaner(batchops.sms()).deleteAll(List.of("t1", "t2"));
        batchops.verify(1, RequestPattern.operation("deleteTasks").ids("t2", "t1")
                .signedBy(batchops.principal().accessKey()).principal("developer")
                .tenant(batchops.principal().domainId()).status(200));
        assertEquals(List.of(), batchops.control().exportState().getSms().getTasks(), "both deleted for real");
    }

    @Test
    void anInjectedThrottleIsSeenAndRetriedByTheCodeUnderTest() throws InterruptedException {
        batchops.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
        batchops.control().throttle("deleteTasks", 1);
        TaskCleaner cleaner = new TaskCleaner(batchops.sms());
        cleaner.deleteAll(List.of("t1"));
        assertEquals(2, cleaner.attempts);
        batchops.verify(2, RequestPattern.operation("deleteTasks").ids("t1"));
        batchops.verify(1, RequestPattern.operation("deleteTasks").status(429).errorCode("APIGW.0308"));
        batchops.verify(1, RequestPattern.operation("deleteTasks").status(200));
    }

    @Test
    void aFailedVerificationListsTheClosestRequestsAndHowEachDiffers() {
        batchops.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
        batchops.client().deleteTasks(List.of("t1"));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> batchops.verify(1, RequestPattern.operation("deleteTasks").ids("t1", "t2").signedBy("SOMEONEELSE")));
        String message = failure.getMessage();
        assertTrue(message.contains("found 0 among 1 recorded"), message);
        assertTrue(message.contains("deleteTasks POST /v3/tasks/delete ids=[t1] by developer (token) -> 200"), message);
        assertTrue(message.contains("ids was [t1], not [t1, t2]"), message);
        assertTrue(message.contains("auth was token, not aksk"), message);
        assertThrows(AssertionError.class, () -> batchops.verify(RequestPattern.operation("batchDeleteJobs")));
    }

    @Test
    void theDrsClientAndAFailedJobInsideABatch() {
        batchops.given().job("j1", JobStatus.INCRE_TRANSFER_STARTED).job("j2", JobStatus.INCRE_TRANSFER_STARTED).load();
        batchops.control().addFault(new io.batchops.client.admin.model.FaultRule()
                .operation(io.batchops.client.admin.model.ServiceOperation.BATCH_DELETE_JOBS).ids(List.of("j2"))
                .failedJobs(new io.batchops.client.admin.model.FaultJobFailure().errorCode("DRS.M01504")));
        var answer = batchops.drs().batchDeleteJobs(new BatchDeleteJobsRequest().withBody(new BatchDeleteJobReq().withJobs(List.of(
                new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.TERMINATE).withJobId("j1"),
                new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.TERMINATE).withJobId("j2")))));
        assertEquals("success", answer.getResults().get(0).getStatus().toString());
        assertEquals("DRS.M01504", answer.getResults().get(1).getErrorCode());
        RecordedRequest recorded = batchops.requests(RequestPattern.operation("batchDeleteJobs")).get(0);
        assertEquals(batchops.principal().projectId(), recorded.getTenant());
        assertEquals(List.of("j1", "j2"), recorded.getIds());
    }

    @RepeatedTest(2)
    void everyTestStartsFromNothing() {
        assertEquals(List.of(), batchops.control().requests(), "the journal is empty");
        assertEquals(List.of(), batchops.control().listFaults(), "no fault rules");
        assertEquals(List.of(), batchops.control().exportState().getSms().getTasks(), "no tasks");
        assertEquals(Timing.ModeEnum.IMMEDIATE, batchops.control().timing().getMode());
        batchops.given().source("s1", SourceServerState.STOPPED).task(new TaskFixture().id("t1").sourceId("s1")).load();
        batchops.control().throttle("listTasks", 5);
        batchops.control().setTiming(new Timing().mode(Timing.ModeEnum.DELAY).delayMs(1000L));
        batchops.client().deleteTasks(List.of("t1"));
    }

    @Test
    void theGeneratedClientAndTheControlApiSpeakForTheSameServer() {
        BatchopsException missing = assertThrows(BatchopsException.class, () -> batchops.client().deleteTasks(List.of("nope")));
        assertEquals(404, missing.status());
        assertEquals("SMS.1802", missing.errorCode());
        assertTrue(batchops.baseUrl().startsWith("http://127.0.0.1:"), batchops.baseUrl());
        assertTrue(batchops.startTime().toNanos() > 0);
        assertEquals("developer", batchops.principal().name());
        assertTrue(!batchops.principal().toString().contains(batchops.principal().secretKey()), "the secret stays out of reports");
    }
}
