package io.batchops.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.client.admin.model.FaultJobFailure;
import io.batchops.client.admin.model.FaultRule;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.ServiceOperation;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.junit5.RequestPattern;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The image through Testcontainers, as a user's test holds it. Without a container engine the class is
 * skipped, unless BATCHOPS_CONTAINERS_REQUIRED=true (CI) makes that a failure.
 */
@Testcontainers(disabledWithoutDocker = true)
class BatchopsContainerTest {
    @Container
    static final BatchopsContainer BATCHOPS = new BatchopsContainer()
            .withCredentials(Path.of("src/test/resources/principals.json"))
            .withPrincipal("alice")
            .withSeed(Path.of("src/test/resources/seed.json"));

    /** The seed's state stays; each test names ids of its own. */
    @BeforeEach
    void noFaultsNoJournal() {
        BATCHOPS.control().clearFaults();
        BATCHOPS.control().clearRequests();
    }

    @Test
    void servesTheMountedSeedToTheSdkAsTheChosenPrincipal() {
        assertEquals("alice", BATCHOPS.principal().name());
        List<String> ids = BATCHOPS.sms().listTasks(new ListTasksRequest()).getTasks().stream().map(task -> task.getId()).toList();
        assertTrue(ids.containsAll(List.of("seeded-1", "seeded-2")), "the seed's tasks in alice's account: " + ids);
        assertTrue(BATCHOPS.baseUrl().startsWith("http://"), BATCHOPS.baseUrl());
        assertEquals(BATCHOPS.baseUrl(), BATCHOPS.environment().get("HUAWEICLOUD_SDK_IAM_ENDPOINT").replaceAll("/$", ""));
    }

    @Test
    void aThrottledBatchDeleteThenTheRealOne() {
        BATCHOPS.given().source("src-9", SourceServerState.STOPPED).task("t9", "src-9", TaskState.MIGRATE_SUCCESS).load();
        BATCHOPS.control().throttle("deleteTasks", 1);
        DeleteTasksRequest delete = new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("t9")));

        ServiceResponseException throttled = assertThrows(ServiceResponseException.class, () -> BATCHOPS.sms().deleteTasks(delete));
        assertEquals(429, throttled.getHttpStatusCode());
        BATCHOPS.sms().deleteTasks(delete);

        BATCHOPS.verify(2, RequestPattern.operation("deleteTasks").ids("t9").signedBy(BATCHOPS.principal().accessKey()));
        BATCHOPS.verify(1, RequestPattern.operation("deleteTasks").status(200));
    }

    @Test
    void oneJobOfADrsBatchFails() {
        BATCHOPS.given().job("j1", JobStatus.INCRE_TRANSFER_STARTED).job("j2", JobStatus.INCRE_TRANSFER_STARTED).load();
        BATCHOPS.control().addFault(new FaultRule().operation(ServiceOperation.BATCH_DELETE_JOBS).ids(List.of("j2"))
                .failedJobs(new FaultJobFailure().errorCode("DRS.M01504")));

        var answer = BATCHOPS.drs().batchDeleteJobs(new BatchDeleteJobsRequest().withBody(new BatchDeleteJobReq().withJobs(List.of(
                new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.TERMINATE).withJobId("j1"),
                new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.TERMINATE).withJobId("j2")))));

        assertEquals(null, answer.getResults().get(0).getErrorCode());
        assertEquals("DRS.M01504", answer.getResults().get(1).getErrorCode());
        BATCHOPS.verify(1, RequestPattern.operation("batchDeleteJobs").ids("j1", "j2").tenant(BATCHOPS.principal().projectId()));
    }
}
