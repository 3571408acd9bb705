package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import org.junit.jupiter.api.Test;

/** {@code @BatchopsTest}: the defaults, the extension handed to each test method. */
@BatchopsTest
class BatchopsTestAnnotationTest {
    private final BatchopsExtension fromConstructor;

    BatchopsTestAnnotationTest(BatchopsExtension batchops) {
        this.fromConstructor = batchops;
    }

    @Test
    void theExtensionIsAParameter(BatchopsExtension batchops) {
        batchops.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
        assertEquals(1, batchops.sms().listTasks(new ListTasksRequest()).getCount());
        batchops.verify(1, RequestPattern.operation("listTasks").signedBy(batchops.principal().accessKey()));
        assertEquals(batchops.baseUrl(), fromConstructor.baseUrl(), "one server for the class");
    }

    @Test
    void andStartsFromNothing(BatchopsExtension batchops) {
        assertEquals(0, batchops.sms().listTasks(new ListTasksRequest()).getCount());
        assertNotNull(batchops.drs());
    }
}
