package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.junit5.BatchopsExtension;
import io.batchops.junit5.RequestPattern;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationCleanerTest {
    @RegisterExtension
    static BatchopsExtension batchops = BatchopsExtension.create();

    /** The code under test: deletes migration tasks with the official SDK, and retries when throttled. */
    static final class MigrationCleaner {
        private final SmsClient sms;

        MigrationCleaner(SmsClient sms) {
            this.sms = sms;
        }

        void deleteTasks(List<String> ids) throws InterruptedException {
            for (int attempt = 1; ; attempt++) {
                try {
                    sms.deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(ids)));
                    return;
                } catch (ServiceResponseException e) {
                    if (e.getHttpStatusCode() != 429 || attempt == 3) {
                        throw e;
                    }
                    Thread.sleep(1000); // the gateway's Retry-After
                }
            }
        }
    }

    @Test
    void deletesTheTasksAndRetriesWhenThrottled() throws InterruptedException {
        // State: a stopped source server with two finished migration tasks.
        batchops.given()
                .source("src-1", SourceServerState.STOPPED)
                .task("t1", "src-1", TaskState.MIGRATE_SUCCESS)
                .task("t2", "src-1", TaskState.MIGRATE_SUCCESS)
                .load();
        // The cloud's throttling, once: 429 APIGW.0308 with Retry-After.
        batchops.control().throttle("deleteTasks", 1);

        new MigrationCleaner(batchops.sms()).deleteTasks(List.of("t1", "t2"));

        // Two batch deletes with exactly these ids, signed with the test principal's access key:
        // the first throttled, the retry served.
        batchops.verify(2, RequestPattern.operation("deleteTasks").ids("t1", "t2")
                .signedBy(batchops.principal().accessKey()));
        batchops.verify(1, RequestPattern.operation("deleteTasks").status(429).errorCode("APIGW.0308"));
        batchops.verify(1, RequestPattern.operation("deleteTasks").status(200));
        assertEquals(List.of(), batchops.control().exportState().getSms().getTasks());
    }
}
