package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.QueryJobsReq;
import com.huaweicloud.sdk.drs.v3.model.ShowJobListRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension's options: a credentials file and the principal to act as, a seed file, the retention
 * of deleted jobs, an instance field.
 */
class ExtensionConfigurationTest {
    private static final Path RESOURCES = Path.of("src/test/resources");
    private static final Path SEED = Path.of("../examples/seed.json");

    @Nested
    class WithCredentialsAndAChosenPrincipal {
        @RegisterExtension
        static BatchopsExtension batchops = BatchopsExtension.create()
                .withCredentials(RESOURCES.resolve("principals.json"))
                .withPrincipal("auditor");

        @Test
        void theClientsActAsThatPrincipalWithItsRights() {
            assertEquals("auditor", batchops.principal().name());
            assertEquals("AUDITORACCESSKEY0002", batchops.principal().accessKey());
            assertEquals(0, batchops.sms().listTasks(new ListTasksRequest()).getCount());
            assertEquals(0, batchops.drs().showJobList(new ShowJobListRequest().withBody(
                    new QueryJobsReq().withCurPage(1).withPerPage(10).withDbUseType(QueryJobsReq.DbUseTypeEnum.MIGRATION)))
                    .getTotalRecord());
            ServiceResponseException denied = assertThrows(ServiceResponseException.class, () -> batchops.sms()
                    .deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("t1")))));
            assertEquals("SMS.9004", denied.getErrorCode(), "the auditor may not delete");
            batchops.verify(1, RequestPattern.operation("deleteTasks").principal("auditor").status(403));
        }
    }

    @Nested
    class WithASeedFile {
        @RegisterExtension
        static BatchopsExtension batchops = BatchopsExtension.create().withSeed(SEED);

        @Test
        void theSeedIsLoadedBeforeEachTest() {
            assertEquals(4, batchops.sms().listTasks(new ListTasksRequest()).getCount());
            batchops.sms().deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("1"))));
            assertEquals(3, batchops.sms().listTasks(new ListTasksRequest()).getCount());
        }

        @Test
        void andAgain() {
            assertEquals(4, batchops.sms().listTasks(new ListTasksRequest()).getCount());
        }
    }

    @Nested
    class WithNoRetentionOfDeletedJobs {
        @RegisterExtension
        static BatchopsExtension batchops = BatchopsExtension.create().withDeletedJobRetention(Duration.ZERO);

        private String delete(String jobId) {
            var result = batchops.drs().batchDeleteJobs(new BatchDeleteJobsRequest().withBody(new BatchDeleteJobReq()
                    .withJobs(List.of(new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.DELETE).withJobId(jobId)))))
                    .getResults().get(0);
            return result.getErrorCode() == null ? result.getStatus().toString() : result.getErrorCode();
        }

        @Test
        void aDeletedJobIsGoneAtOnce() {
            batchops.given().job("j", JobStatus.RELEASE_RESOURCE_COMPLETE).load();
            assertEquals("success", delete("j"));
            assertEquals("DRS.M05003", delete("j"), "kept for no time: unknown at once, not DRS.M05004");
        }
    }

    @Nested
    class OnAnInstanceField {
        @RegisterExtension
        BatchopsExtension batchops = BatchopsExtension.create();

        @Test
        void eachTestHasAServerAsIfNew() {
            check();
        }

        @Test
        void whateverTheTestBeforeLeft() {
            check();
        }

        /** Whichever test runs second finds none of what the first left: state, journal, fault rules. */
        private void check() {
            assertEquals(0, batchops.control().exportState().getSms().getTasks().size());
            assertEquals(0, batchops.control().requests().size());
            assertEquals(0, batchops.control().listFaults().size());
            batchops.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
            batchops.control().throttle("deleteTasks", 1);
            assertEquals(1, batchops.sms().listTasks(new ListTasksRequest()).getCount());
        }
    }
}
